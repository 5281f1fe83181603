// The generated field tables (core/src/abi_field_table.cpp) agree with the
// ABI mirrors in abi.hpp and name the innermost field behind an offset:
// what the Win32 backend reports for ACCEPT-5 and ROBUST-5.
#include <boost/test/unit_test.hpp>

#include <cstddef>

#include "rasconform/abi.hpp"
#include "rasconform/abi_fields.hpp"

using namespace rasconform;

BOOST_AUTO_TEST_SUITE(abi_fields)

BOOST_AUTO_TEST_CASE(every_structure_of_the_spec_with_fields_inside_it) {
    BOOST_TEST(abi_structures().size() == 30u);
    for (const AbiStructure& s : abi_structures())
        for (AbiArch a : {AbiArch::x64, AbiArch::x86}) {
            BOOST_TEST(!s.fields(a).empty(), s.name);
            for (const AbiField& f : s.fields(a))
                BOOST_TEST(f.offset + f.size <= s.size(a), s.name << "." << f.path);
        }
}

BOOST_AUTO_TEST_CASE(offsets_agree_with_abi_hpp) {
    const AbiStructure* c0 = find_abi_structure("RAS_CONNECTION_0");
    BOOST_REQUIRE(c0);
    BOOST_TEST(c0->size(AbiArch::x64) == sizeof(winabi::x64::RAS_CONNECTION_0));
    BOOST_TEST(c0->size(AbiArch::x86) == sizeof(winabi::x86::RAS_CONNECTION_0));
    BOOST_TEST(abi_field_at("RAS_CONNECTION_0", offsetof(winabi::x64::RAS_CONNECTION_0, wszUserName), AbiArch::x64) ==
               "wszUserName");
    BOOST_TEST(abi_field_at("RAS_CONNECTION_0", offsetof(winabi::x86::RAS_CONNECTION_0, wszUserName) + 10,
                            AbiArch::x86) == "wszUserName");
    BOOST_TEST(abi_field_at("RAS_CONNECTION_EX", offsetof(winabi::x64::RAS_CONNECTION_EX, hInterface), AbiArch::x64) ==
               "hInterface");
}

BOOST_AUTO_TEST_CASE(nested_structures_are_named_by_path) {
    BOOST_TEST(abi_field_at("RAS_CONNECTION_1", 60, AbiArch::x64) == "PppInfo.ip.wszAddress");
    // A union names its first member (PROJECTION_INFO: PPP before IKEv2).
    BOOST_TEST(abi_field_at("PROJECTION_INFO", 8, AbiArch::x64).substr(0, 18) == "PppProjectionInfo.");
}

BOOST_AUTO_TEST_CASE(padding_and_unknown_names_give_nothing) {
    BOOST_TEST(abi_field_at("PROJECTION_INFO", 4, AbiArch::x64).empty());  // between the tag and the union
    BOOST_TEST(abi_field_at("RAS_CONNECTION_0", 5000, AbiArch::x64).empty());
    BOOST_TEST(abi_field_at("NO_SUCH_STRUCT", 0, AbiArch::x64).empty());
    BOOST_TEST(!find_abi_structure("NO_SUCH_STRUCT"));
}

BOOST_AUTO_TEST_SUITE_END()
