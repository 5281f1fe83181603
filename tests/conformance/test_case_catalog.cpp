// Cases are named and cited consistently: stable dotted IDs, each citing
// only rules that exist in the catalog (a case citing an unknown rule fails
// here), and the export-name logic behind LOAD-8.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "conformance/coverage.hpp"
#include "conformance/known_bad.hpp"
#include "conformance/export_names.hpp"
#include "conformance/suite.hpp"
#include "rasconform/rules.hpp"

using namespace rasconform;
using namespace rasconform::conformance;

BOOST_AUTO_TEST_SUITE(case_catalog)

BOOST_AUTO_TEST_CASE(every_cited_rule_is_in_the_catalog) {
    const std::regex id_form("[a-z0-9]+(\\.[a-z0-9-]+)+");
    std::set<std::string_view> ids;
    BOOST_TEST(!all_cases().empty());
    for (const CaseInfo& c : all_cases()) {
        BOOST_TEST_CONTEXT(c.id) {
            BOOST_TEST(ids.insert(c.id).second);
            BOOST_TEST(std::regex_match(std::string(c.id), id_form));
            BOOST_TEST(!c.rules.empty());
            for (std::string_view r : c.rules) BOOST_TEST(find_rule(r) != nullptr, "unknown rule " << r);
            BOOST_TEST(static_cast<bool>(c.kind == CaseKind::static_ ? bool(c.run_static) : bool(c.run_dynamic)));
            BOOST_TEST(find_case(c.id) == &c);
        }
    }
}

BOOST_AUTO_TEST_CASE(undecorate_recognises_stdcall_and_cxx_names) {
    BOOST_TEST(*undecorate("_MprAdminAcceptNewLink@8") == "MprAdminAcceptNewLink");
    BOOST_TEST(*undecorate("MprAdminAcceptNewLink@8") == "MprAdminAcceptNewLink");
    BOOST_TEST(*undecorate("_Z21MprAdminAcceptNewLinkPvS_") == "MprAdminAcceptNewLink");
    BOOST_TEST(*undecorate("?MprAdminAcceptNewLink@@YGHPAX0@Z") == "MprAdminAcceptNewLink");
    BOOST_TEST(!undecorate("MprAdminAcceptNewLink"));
    BOOST_TEST(!undecorate("_Z99short"));
}

BOOST_AUTO_TEST_CASE(static_cases_on_a_synthetic_export_table) {
    auto subject_with = [](std::initializer_list<const char*> names) {
        Subject s;
        s.file_name = "x.dll";
        s.pe.machine = PE_MACHINE_AMD64;
        s.pe.is_dll = true;
        std::uint32_t ordinal = 1;
        for (const char* n : names) s.pe.exports.push_back({n, ordinal++, 0x1000, false, {}});
        return s;
    };
    auto status_of = [](const Subject& s, std::string_view id) {
        for (const CaseResult& r : run_static_cases(s, default_profile()))
            if (r.id == id) return r.status;
        return Status::error;
    };
    Subject good = subject_with({"MprAdminInitializeDll", "MprAdminTerminateDll", "MprAdminAcceptNewLink",
                                 "MprAdminLinkHangupNotification", "MprAdminAcceptNewConnection",
                                 "MprAdminConnectionHangupNotification"});
    for (const CaseResult& r : run_static_cases(good, default_profile()))  // no reauthentication export: EXPORT-3
        BOOST_TEST((r.status == (r.id == "export.reauthentication" ? Status::warning : Status::pass)),
                   r.id << ": " << r.message);

    Subject mangled = subject_with({"_Z21MprAdminInitializeDllv", "MprAdminTerminateDll", "MprAdminAcceptNewLink",
                                    "MprAdminLinkHangupNotification", "MprAdminAcceptNewConnection",
                                    "MprAdminConnectionHangupNotification"});
    BOOST_TEST((status_of(mangled, "export.undecorated-names") == Status::fail));
    BOOST_TEST((status_of(mangled, "export.required") == Status::pass));  // reported once, by LOAD-8

    Subject ex_only_accept = subject_with({"MprAdminInitializeDll", "MprAdminTerminateDll", "MprAdminAcceptNewLink",
                                           "MprAdminLinkHangupNotification", "MprAdminAcceptNewConnectionEx",
                                           "MprAdminConnectionHangupNotificationEx"});
    BOOST_TEST((status_of(ex_only_accept, "export.accept-hangup-pair") == Status::pass));
    const Profile* ws2008 = find_profile("ws2008");  // VARIANT-2: no Ex on Server 2008
    for (const CaseResult& r : run_static_cases(ex_only_accept, *ws2008))
        if (r.id == "export.accept-hangup-pair") BOOST_TEST((r.status == Status::fail));
}

BOOST_AUTO_TEST_CASE(coverage_lists_every_rule_with_the_cases_citing_it) {
    const std::vector<RuleCoverage> coverage = rule_coverage();
    BOOST_TEST(coverage.size() == rule_catalog().size());
    std::set<std::string_view> cited;
    for (const CaseInfo& c : all_cases()) cited.insert(c.rules.begin(), c.rules.end());
    std::size_t covered = 0;
    for (const RuleCoverage& r : coverage) {
        BOOST_TEST((cited.count(r.rule->id) != 0) == !r.cases.empty(), r.rule->id);
        covered += !r.cases.empty();
    }
    BOOST_TEST(covered == cited.size());
    for (const RuleCoverage& r : coverage)
        if (r.rule->id == "HANGUP-4") {
            BOOST_TEST((std::find(r.cases.begin(), r.cases.end(), "lifecycle.hangup-after-reject") != r.cases.end()));
        }
    const std::size_t testable = coverage.size() - untestable_rules().size();
    BOOST_TEST(coverage_text().find(std::to_string(covered) + " of " + std::to_string(testable) + " testable") !=
               std::string::npos);
}

// A rule is either checked by a case or listed as not checkable, with a
// reason - never both, and every listed one is a rule of the spec.
BOOST_AUTO_TEST_CASE(untestable_rules_are_real_rules_no_case_cites) {
    std::set<std::string_view> cited;
    for (const CaseInfo& c : all_cases()) cited.insert(c.rules.begin(), c.rules.end());
    std::set<std::string_view> listed;
    for (const RuleScope& s : untestable_rules()) {
        BOOST_TEST(find_rule(s.rule) != nullptr, s.rule);
        BOOST_TEST(cited.count(s.rule) == 0u, s.rule << " is cited by a case and listed as untestable");
        BOOST_TEST(!s.reason.empty(), s.rule);
        BOOST_TEST(listed.insert(s.rule).second, s.rule << " listed twice");
    }
    for (const RuleCoverage& r : rule_coverage())
        if (r.untestable)
            BOOST_TEST(coverage_text().find(std::string(r.rule->id)) != std::string::npos);
    // The JSON form says the same.
    const nlohmann::json j = coverage_json();
    BOOST_TEST(j.at("untestable").get<std::size_t>() == untestable_rules().size());
    BOOST_TEST(j.at("testable").get<std::size_t>() + j.at("untestable").get<std::size_t>() == rule_catalog().size());
}

// The mutation-kill matrix built into the binary names real cases and
// rules, and every case has a known-bad subject that kills it.
BOOST_AUTO_TEST_CASE(every_case_has_a_known_bad_subject) {
    for (const KnownBadSubject& k : known_bad_matrix())
        for (const auto* table : {&k.fails, &k.warns})
            for (const auto& [id, rule] : *table) {
                BOOST_TEST(find_case(id) != nullptr, k.dll << ": no case " << id);
                BOOST_TEST(find_rule(rule) != nullptr, k.dll << ": no rule " << rule);
            }
    for (const CaseInfo& c : all_cases()) BOOST_TEST(!killers_of(c.id).empty(), c.id << " has no known-bad subject");
    BOOST_TEST(coverage_text().find("[known-bad: bad_order.dll") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_matrix_names_the_problem) {
    try {
        parse_known_bad("[[subject]]\ndll = \"x.dll\"\n", "m.toml");
        BOOST_FAIL("accepted a subject that kills nothing");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find("x.dll kills no case") != std::string::npos, e.what());
    }
    try {
        parse_known_bad("[[subject]\n", "m.toml");
        BOOST_FAIL("accepted broken TOML");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).rfind("m.toml:1:", 0) == 0u, e.what());
    }
}

// LOAD-7: RRAS loads only DLLs of its own machine, and the profiles know
// which machines each Windows had RRAS for.
BOOST_AUTO_TEST_CASE(deploy_machine_follows_the_profiles_windows) {
    const CaseInfo* c = find_case("deploy.machine");
    BOOST_TEST_REQUIRE(c);
    auto judged = [&](std::uint16_t machine, const char* profile) {
        Subject s;
        s.file_name = "vendor.dll";
        s.pe.machine = machine;
        return c->run_static(s, *find_profile(profile));
    };
    for (const char* p : {"w2000", "ws2003", "ws2008"}) BOOST_TEST((judged(PE_MACHINE_I386, p).status == Status::pass), p);
    for (const char* p : {"ws2008r2", "ws2012", "ws2012r2", "ws2016", "ws2019", "ws2022"}) {
        const CaseResult r = judged(PE_MACHINE_I386, p);
        BOOST_TEST((r.status == Status::fail), p);
        BOOST_TEST(r.message.find("vendor.dll is an i686 DLL") != std::string::npos, r.message);
        BOOST_TEST(r.message.find("RRAS only for x86_64") != std::string::npos, r.message);
        BOOST_TEST(r.message.find("[LOAD-7]") != std::string::npos, r.message);
    }
    BOOST_TEST((judged(PE_MACHINE_AMD64, "w2000").status == Status::fail));
    for (const char* p : {"ws2003", "ws2008", "ws2012", "ws2022"}) BOOST_TEST((judged(PE_MACHINE_AMD64, p).status == Status::pass), p);
}

BOOST_AUTO_TEST_SUITE_END()
