#include "rasconform/profile.hpp"

#include <algorithm>
#include <array>

namespace rasconform {
namespace {

using W = WindowsVersion;

// Windows 2000 and earlier: one DLL, no hang-up after a rejection, IPv4 pair
// mandatory (VERSION-3, VERSION-4). Later releases: the spec's defaults for
// the undocumented cases (HANGUP-4, LINK-4: deliver the notification).
// Machines: Windows 2000 Server was x86 only; Server 2003 and 2008 came as
// x86 and x64; Server 2008 R2 and later are x64 only.
constexpr std::array<Profile, 9> all{{
    {"w2000", W::w2000, false, false, false, true, false, true, false},
    {"ws2003", W::ws2003, true, true, true, false, false, true, true},
    {"ws2008", W::ws2008, true, true, true, false, true, true, true},
    {"ws2008r2", W::ws2008r2, true, true, true, false, true, false, true},
    {"ws2012", W::ws2012, true, true, true, false, true, false, true},
    {"ws2012r2", W::ws2012r2, true, true, true, false, true, false, true},
    {"ws2016", W::ws2016, true, true, true, false, true, false, true},
    {"ws2019", W::ws2019, true, true, true, false, true, false, true},
    {"ws2022", W::ws2022, true, true, true, false, true, false, true},
}};

}  // namespace

std::span<const Profile> profiles() { return all; }

const Profile* find_profile(std::string_view name) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Profile& p) { return p.name == name; });
    return it == all.end() ? nullptr : &*it;
}

const Profile& default_profile() { return all.back(); }

bool has_rras_for(const Profile& p, std::string_view machine) {
    if (machine == "i686") return p.rras_on_x86;
    if (machine == "x86_64") return p.rras_on_x64;
    return false;
}

bool offers(const Profile& p, Callout c) {
    const CalloutInfo& i = info(c);
    // VERSION-2: the NT 4.0 RasAdmin* interface is never driven by RRAS.
    if (i.requirement == Requirement::legacy) return false;
    return i.since <= p.version;
}

std::string_view to_string(WindowsVersion v) {
    constexpr std::array<std::string_view, 10> names{
        "Windows NT 4.0",         "Windows 2000 Server", "Windows Server 2003", "Windows Server 2008",
        "Windows Server 2008 R2", "Windows Server 2012", "Windows Server 2012 R2", "Windows Server 2016",
        "Windows Server 2019",    "Windows Server 2022"};
    return names[static_cast<std::size_t>(v)];
}

}  // namespace rasconform
