// Stress mode: reproducible from the seed, concurrent where the spec allows,
// serialized where it does not (SERIAL-1..5, Q-1).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <set>
#include <thread>

#include "mock/shared_object_admin_dll.hpp"
#include "mock/stress.hpp"
#include "mock/stub_admin_dll.hpp"
#include "rasconform/trace_checker.hpp"

using namespace rasconform;
using namespace rasconform::mock;

namespace {

// A thread-safe double whose link callouts take a while, so that calls of
// different groups must overlap if the engine lets them.
class SlowLinks final : public AdminDllBackend {
public:
    const std::string& name() const override { return name_; }
    void* resolve(std::string_view n) const override {
        static const std::set<std::string_view> exported{
            "MprAdminInitializeDll", "MprAdminTerminateDll", "MprAdminAcceptNewConnection",
            "MprAdminConnectionHangupNotification", "MprAdminAcceptNewLink", "MprAdminLinkHangupNotification"};
        return exported.count(n) ? const_cast<std::string*>(&name_) : nullptr;
    }
    CallOutcome call(const CalloutInfo& c, void*, std::span<void* const>) override {
        if (c.id == Callout::AcceptNewLink) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        CallOutcome o;
        o.value = c.returns == Returns::boolean ? 1 : 0;
        return o;
    }

private:
    std::string name_ = "slow-links";
};

std::vector<TraceViolation> check(const Service& s, const std::vector<std::string>& chain) {
    TraceExpectations e;
    e.profile = &default_profile();
    e.registry_order = chain;
    return check_trace(s.trace(), e);
}

std::size_t overlapping_pairs(const Trace& t) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;
    for (const TraceEvent& e : t) spans.emplace_back(e.start_ns, e.start_ns + e.duration_ns);
    std::sort(spans.begin(), spans.end());
    std::size_t n = 0;
    for (std::size_t i = 1; i < spans.size(); ++i)
        if (spans[i].first < spans[i - 1].second) ++n;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stress)

BOOST_AUTO_TEST_CASE(same_seed_same_start_order_and_no_rule_broken) {
    const char* so = std::getenv("RASCONFORM_NATIVE_SUBJECT");
    BOOST_REQUIRE(so);
    StressOptions opts;
    opts.connections = 10000;
    opts.threads = 8;
    opts.seed = 42;
    std::uint64_t digests[2];
    for (int run = 0; run < 2; ++run) {
        SharedObjectAdminDll subject(so);
        StubAdminDll second(StubAdminDll::Policy::accept_all);
        Service service({&subject, &second});
        StressResult r = run_stress(service, opts);
        BOOST_REQUIRE(r.start.started);
        BOOST_TEST(r.admitted == opts.connections);
        BOOST_TEST(r.callouts > 4 * opts.connections);
        digests[run] = r.start_order_digest;
        auto violations = check(service, {subject.name(), second.name()});
        for (const TraceViolation& v : violations) BOOST_TEST_MESSAGE(v.rule << " #" << v.seq << ": " << v.message);
        BOOST_TEST(violations.empty(), "seed " << opts.seed << " broke " << violations.size() << " rule(s)");
        // Q-1: the connections' callouts really were spread over the workers.
        std::set<std::uint64_t> threads;
        for (const TraceEvent& e : service.trace())
            if (e.connection) threads.insert(e.thread);
        BOOST_TEST(threads.size() > 1u);
    }
    BOOST_TEST(digests[0] == digests[1]);

    SharedObjectAdminDll subject(so);
    Service other({&subject});
    opts.seed = 43;
    opts.connections = 500;
    StressResult r = run_stress(other, opts);
    opts.seed = 42;
    Service again({&subject});
    StressResult s = run_stress(again, opts);
    BOOST_TEST(r.start_order_digest != s.start_order_digest);  // the seed does choose the interleaving
}

BOOST_AUTO_TEST_CASE(calls_of_different_groups_overlap_same_group_never) {  // SERIAL-1..4
    SlowLinks slow;
    Service service({&slow});
    StressOptions opts;
    opts.connections = 200;
    opts.threads = 8;
    opts.concurrency = 16;
    opts.seed = 7;
    StressResult r = run_stress(service, opts);
    BOOST_REQUIRE(r.start.started);
    BOOST_TEST(overlapping_pairs(service.trace()) > 0u);  // the engine does overlap what it may
    BOOST_TEST(check(service, {slow.name()}).empty());     // and never what it may not
}

BOOST_AUTO_TEST_SUITE_END()
