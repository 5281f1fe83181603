// The must-pass lists decide certification, so they must stay in step with
// the case catalog: a case added without a decision (listed, warning-only, or
// not applicable under a profile) fails here.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

#include "conformance/mustpass.hpp"
#include "conformance/suite.hpp"

using namespace rasconform;
using namespace rasconform::conformance;

BOOST_AUTO_TEST_SUITE(mustpass)

BOOST_AUTO_TEST_CASE(lists_name_only_existing_cases_once) {
    BOOST_TEST_REQUIRE(!mustpass_lists().empty());
    for (const MustPassList& l : mustpass_lists()) {
        BOOST_TEST_CONTEXT(l.version << "/" << l.profile) {
            BOOST_TEST(find_profile(l.profile) != nullptr, "no profile " << l.profile);
            BOOST_TEST(!l.cases.empty());
            std::set<std::string> seen;
            for (const std::string& id : l.cases) {
                BOOST_TEST(find_case(id) != nullptr, "no case " << id);
                BOOST_TEST(seen.insert(id).second, id << " listed twice");
            }
        }
    }
}

// Old versions are frozen; the newest one must match the catalog exactly.
BOOST_AUTO_TEST_CASE(newest_lists_hold_every_applicable_non_warning_case) {
    const int newest = latest_mustpass_version();
    BOOST_TEST(newest >= 1);
    for (const Profile& p : profiles()) {
        BOOST_TEST_CONTEXT(newest << "/" << p.name) {
            const MustPassList* l = find_mustpass(newest, p.name);
            BOOST_TEST_REQUIRE(l != nullptr, "no must-pass list for profile " << p.name);
            const std::set<std::string> listed(l->cases.begin(), l->cases.end());
            for (const CaseInfo& c : all_cases()) {
                const bool belongs = !c.warning_only && applies_under(c, p);
                BOOST_TEST(listed.count(std::string(c.id)) == (belongs ? 1u : 0u),
                           c.id << (belongs ? " is missing from the list" : " is listed but is warning-only or "
                                                                             "does not apply under this profile"));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(initial_lists_follow_the_profiles) {
    // What version 1 decided: the warning case is nowhere, the callback table
    // and hang-up after a rejection only where the OS has them.
    const MustPassList* w2000 = find_mustpass(1, "w2000");
    const MustPassList* ws2008r2 = find_mustpass(1, "ws2008r2");
    const MustPassList* ws2022 = find_mustpass(1, "ws2022");
    BOOST_TEST_REQUIRE((w2000 && ws2008r2 && ws2022));
    auto has = [](const MustPassList* l, const char* id) {
        return std::find(l->cases.begin(), l->cases.end(), id) != l->cases.end();
    };
    const auto warning_only = std::count_if(all_cases().begin(), all_cases().end(),
                                            [](const CaseInfo& c) { return c.warning_only; });
    // robust.prompt-callouts, robust.no-blocking-calls, answers.boolean, export.reauthentication
    BOOST_TEST(warning_only == 4);
    // Every case but the warning-only ones, and deploy.machine and
    // abi.calling-convention, which came with version 2.
    BOOST_TEST(ws2022->cases.size() == all_cases().size() - static_cast<std::size_t>(warning_only) - 2);
    BOOST_TEST(!has(ws2022, "deploy.machine"));
    BOOST_TEST(!has(ws2022, "abi.calling-convention"));
    const MustPassList* ws2022_v2 = find_mustpass(2, "ws2022");
    BOOST_TEST_REQUIRE(ws2022_v2);
    BOOST_TEST(has(ws2022_v2, "deploy.machine"));
    BOOST_TEST(has(ws2022_v2, "abi.calling-convention"));
    BOOST_TEST(ws2022_v2->cases.size() == ws2022->cases.size() + 2);
    const MustPassList* ws2008_v2 = find_mustpass(2, "ws2008");
    BOOST_TEST_REQUIRE(ws2008_v2);
    BOOST_TEST(has(ws2008_v2, "abi.calling-convention"));
    BOOST_TEST(!has(w2000, "options.short-circuit"));  // one DLL only: nobody to refuse before it
    BOOST_TEST(!has(ws2022, "robust.prompt-callouts"));
    BOOST_TEST(!has(ws2022, "robust.no-blocking-calls"));
    BOOST_TEST(has(ws2022, "ex.callback-table"));
    BOOST_TEST(has(ws2008r2, "ex.callback-table"));
    BOOST_TEST(!has(w2000, "ex.callback-table"));
    BOOST_TEST(!has(w2000, "lifecycle.hangup-after-reject"));
    BOOST_TEST(has(w2000, "robust.no-fault"));
    BOOST_TEST(find_mustpass(1, "nt4") == nullptr);
    BOOST_TEST(find_mustpass(99, "ws2022") == nullptr);
}

BOOST_AUTO_TEST_CASE(list_files_allow_comments_and_blank_lines) {
    const auto ids = parse_mustpass("# header\n\n  export.required  \r\nrobust.no-fault # why\n#\n\t\nlast.one");
    BOOST_TEST(ids == (std::vector<std::string>{"export.required", "robust.no-fault", "last.one"}),
               boost::test_tools::per_element());
    BOOST_TEST(parse_mustpass("").empty());
    BOOST_TEST(parse_mustpass("# only\n   \n").empty());
}

BOOST_AUTO_TEST_CASE(pass_and_not_applicable_meet_a_must_pass_case) {
    BOOST_TEST(meets_mustpass(Status::pass));
    BOOST_TEST(meets_mustpass(Status::not_applicable));
    BOOST_TEST(!meets_mustpass(Status::fail));
    BOOST_TEST(!meets_mustpass(Status::error));
    BOOST_TEST(!meets_mustpass(Status::warning));
}

BOOST_AUTO_TEST_SUITE_END()
