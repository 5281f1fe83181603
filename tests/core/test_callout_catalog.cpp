#include <boost/test/unit_test.hpp>

#include <set>

#include "rasconform/callouts.hpp"
#include "rasconform/profile.hpp"

using namespace rasconform;

BOOST_AUTO_TEST_SUITE(callout_catalog)

BOOST_AUTO_TEST_CASE(all_25_callouts_with_unique_names) {
    BOOST_TEST(rasconform::callout_catalog().size() == 25u);
    std::set<std::string_view> names;
    for (const CalloutInfo& c : rasconform::callout_catalog()) {
        BOOST_TEST(names.insert(c.name).second);
        BOOST_TEST((find_callout(c.name) == c.id));
        BOOST_TEST(c.parameters().size() <= 4u);
    }
}

BOOST_AUTO_TEST_CASE(pairs_point_at_each_other) {
    for (const CalloutInfo& c : rasconform::callout_catalog()) {
        if (!c.partner) continue;
        BOOST_TEST_CONTEXT(c.name) {
            BOOST_TEST((info(*c.partner).partner == c.id));
            BOOST_TEST((info(*c.partner).group == c.group));
        }
    }
    // VARIANT-1 / HANGUP-6: hang-up N takes exactly the structures of accept N.
    for (Variant v : all_variants) {
        auto a = info(accept_callout(v)).parameters();
        auto h = info(hangup_callout(v)).parameters();
        BOOST_TEST(std::equal(a.begin(), a.end(), h.begin(), h.end()));
        BOOST_TEST((info(accept_callout(v)).partner == hangup_callout(v)));
        BOOST_TEST(is_accept(accept_callout(v)));
        BOOST_TEST(!is_accept(hangup_callout(v)));
        BOOST_TEST(is_connection_hangup(hangup_callout(v)));
    }
    BOOST_TEST(!is_accept(Callout::AcceptNewLink));
    BOOST_TEST(!is_connection_hangup(Callout::LinkHangupNotification));
}

BOOST_AUTO_TEST_CASE(table_slots_follow_the_sdk_layout) {
    // MPRAPI_ADMIN_DLL_CALLBACKS: 12 pointers after the revision, each used once.
    std::set<int> slots;
    for (const CalloutInfo& c : rasconform::callout_catalog())
        if (c.table_slot >= 0) BOOST_TEST(slots.insert(c.table_slot).second);
    BOOST_TEST(slots.size() == 12u);
    BOOST_TEST(info(Callout::AcceptReauthenticationEx).table_slot == 9);  // mingw-w64 puts it at 8
    BOOST_TEST(info(Callout::ConnectionHangupNotificationEx).table_slot == 10);
}

BOOST_AUTO_TEST_CASE(only_the_exported_ipv6_release_is_cdecl) {
    for (const CalloutInfo& c : rasconform::callout_catalog())
        BOOST_TEST((c.convention == CallingConvention::cdecl_) == (c.id == Callout::ReleaseIpv6AddressForUser));
}

BOOST_AUTO_TEST_CASE(profiles_offer_callouts_by_version) {
    const Profile* w2000 = find_profile("w2000");
    const Profile* ws2008 = find_profile("ws2008");
    BOOST_REQUIRE(w2000 && ws2008);
    BOOST_TEST(offers(*w2000, Callout::AcceptNewConnection2));
    BOOST_TEST(!offers(*w2000, Callout::AcceptNewConnection3));  // VARIANT-2
    BOOST_TEST(offers(*ws2008, Callout::AcceptNewConnection3));
    BOOST_TEST(!offers(*ws2008, Callout::AcceptNewConnectionEx));
    BOOST_TEST(offers(default_profile(), Callout::AcceptNewConnectionEx));
    BOOST_TEST(!offers(default_profile(), Callout::LegacyAcceptNewConnection));  // VERSION-2
    BOOST_TEST(!w2000->hangup_after_rejected_accept);                             // HANGUP-3
    BOOST_TEST(default_profile().hangup_after_rejected_accept);                   // HANGUP-4
}

BOOST_AUTO_TEST_SUITE_END()
