// Cases are named and cited consistently: stable dotted IDs, each citing
// only rules that exist in the catalog (a case citing an unknown rule fails
// here), and the export-name logic behind LOAD-8.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <regex>
#include <set>

#include "conformance/coverage.hpp"
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
    for (const CaseResult& r : run_static_cases(good, default_profile()))
        BOOST_TEST((r.status == Status::pass), r.id << ": " << r.message);

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
    BOOST_TEST(coverage_text().find(std::to_string(covered) + " of " + std::to_string(coverage.size())) !=
               std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
