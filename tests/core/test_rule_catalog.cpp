#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "rasconform/rules.hpp"

using namespace rasconform;

BOOST_AUTO_TEST_SUITE(rule_catalog)

BOOST_AUTO_TEST_CASE(ids_are_unique_and_well_formed) {
    std::set<std::string_view> seen;
    const std::regex id("[A-Z][A-Z0-9]*-[0-9]+");
    const std::regex tags("[EIHC](/[EIHC])*");
    for (const Rule& r : rasconform::rule_catalog()) {
        BOOST_TEST_CONTEXT(r.id) {
            BOOST_TEST(seen.insert(r.id).second);
            BOOST_TEST(std::regex_match(std::string(r.id), id));
            BOOST_TEST(std::regex_match(std::string(r.tags), tags));
            BOOST_TEST(!r.summary.empty());
            BOOST_TEST(find_rule(r.id) == &r);
        }
    }
    BOOST_TEST(find_rule(std::string("EXPORT-") + "999") == nullptr);  // built at run time: not a citation
    BOOST_TEST(rasconform::rule_catalog().size() == 171u);
}

// The catalog and the spec name the same rules: every bold **ID** defined
// there is here and nothing else is. Skipped where the spec is not beside
// the checkout.
BOOST_AUTO_TEST_CASE(matches_the_spec) {
    const char* path = std::getenv("RASCONFORM_SPEC");
    std::ifstream in(path ? path : "");
    if (!in) {
        BOOST_TEST_MESSAGE("spec not found (RASCONFORM_SPEC); comparison skipped");
        return;
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::set<std::string> spec_ids;
    const std::regex bold(R"(\*\*([A-Z][A-Z0-9]*-[0-9]+)\*\*)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), bold); it != std::sregex_iterator(); ++it)
        spec_ids.insert((*it)[1].str());
    std::set<std::string> ours;
    for (const Rule& r : rasconform::rule_catalog()) ours.insert(std::string(r.id));
    BOOST_TEST(spec_ids == ours, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
