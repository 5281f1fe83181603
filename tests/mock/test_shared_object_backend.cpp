// The same engine and the same dynamic cases over a Linux shared object:
// the backend seam holds, and verdicts do not depend on the backend.
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "conformance/suite.hpp"
#include "mock/shared_object_admin_dll.hpp"

using namespace rasconform;
using namespace rasconform::conformance;

namespace {

std::vector<CaseResult> run_suite(const char* env_var) {
    const char* path = std::getenv(env_var);
    BOOST_REQUIRE_MESSAGE(path, env_var << " not set");
    std::string p = path;
    DynamicContext ctx{default_profile(), std::filesystem::path(p).filename().string(),
                       [p] { return std::make_unique<mock::SharedObjectAdminDll>(p); }};
    return run_dynamic_cases(ctx);
}

// The REENTRY detector needs the Win32 replacement mprapi.dll; this subject
// has no address callouts to split off (PROC-2) or to write bNotifyRelease
// (IPADDR-3) and no InitializeDllEx; this backend calls on the engine's own
// memory, so no guarded argument pages (ACCEPT-5, ROBUST-5), and has no
// Windows image to unload and watch (ROBUST-3) nor a process of its own to
// measure (ROBUST-4), nor PE imports to watch for blocking calls (SERIAL-6),
// and one calling convention (HDR-2 is 32-bit x86's).
bool not_applicable_here(const std::string& id) {
    return id == "reentry.no-admin-calls" || id == "process.split-ip-state" || id == "ex.callback-table" ||
           id == "ipaddr.notify-release-written" || id == "robust.inputs-read-only" ||
           id == "robust.no-kept-pointers" || id == "robust.clean-unload" || id == "robust.bounded-resources" ||
           id == "robust.no-blocking-calls" || id == "abi.calling-convention" ||
           id == "variant.same-answers" ||  // the native subject exports one complete pair
           id == "options.reauthentication-form" ||  // ... and no reauthentication callout
           // ... and no address callouts
           id == "options.address-before-or-after-accept" || id == "options.release-before-or-after-hangup" ||
           id == "options.release-after-refusal" || id == "ipaddr.address-assigned";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shared_object_backend)

BOOST_AUTO_TEST_CASE(correct_shared_object_passes_every_dynamic_case) {
    for (const CaseResult& r : run_suite("RASCONFORM_NATIVE_SUBJECT")) {
        Status expected = not_applicable_here(r.id) ? Status::not_applicable : Status::pass;
        BOOST_TEST((r.status == expected), r.id << ": " << r.message);
    }
}

BOOST_AUTO_TEST_CASE(escaping_exception_fails_only_robust_no_fault) {
    for (const CaseResult& r : run_suite("RASCONFORM_NATIVE_SUBJECT_THROWS")) {
        if (r.id == "robust.no-fault") {
            BOOST_TEST((r.status == Status::fail));
            BOOST_TEST(r.message.find("second link not supported") != std::string::npos, r.message);
        } else if (!not_applicable_here(r.id)) {
            BOOST_TEST((r.status == Status::pass), r.id << ": " << r.message);
        }
    }
}

BOOST_AUTO_TEST_CASE(load_failure_names_the_file) {
    BOOST_CHECK_EXCEPTION(mock::SharedObjectAdminDll("/nonexistent/libnothing.so"), std::runtime_error,
                          [](const std::runtime_error& e) {
                              return std::string(e.what()).find("libnothing.so") != std::string::npos;
                          });
}

BOOST_AUTO_TEST_SUITE_END()
