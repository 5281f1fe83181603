// Windows-version profiles: what the emulated RRAS offers and how it behaves
// where the documentation ties behaviour to a version. Profiles are data, not
// code paths; the engine asks a profile, never a version number.
#pragma once

#include <span>
#include <string_view>

#include "rasconform/callouts.hpp"
#include "rasconform/windows_version.hpp"

namespace rasconform {

struct Profile {
    std::string_view name;               // CLI name: "ws2022"
    WindowsVersion version;
    bool multiple_dlls;                  // MULTI-1, LOAD-6
    bool hangup_after_rejected_accept;   // HANGUP-3/HANGUP-4
    bool link_hangup_after_refused_link; // LINK-4
    bool ipv4_pair_mandatory;            // EXPORT-6
    bool reauth_export_required;         // EXPORT-3 (enforced in strict mode only)
    // The machines this Windows shipped RRAS for: RRAS loads only DLLs of its
    // own machine (a process cannot load a DLL of another), so an i686 DLL
    // has no RRAS to run in from Windows Server 2008 R2 on (x64 only).
    bool rras_on_x86;
    bool rras_on_x64;
};

// Whether the profile's Windows has an RRAS that can load a DLL of this
// machine ("x86_64" or "i686", Subject::machine()).
bool has_rras_for(const Profile& p, std::string_view machine);

std::span<const Profile> profiles();
const Profile* find_profile(std::string_view name);
// Windows Server 2022: the current RRAS, which is what vendors ship for.
const Profile& default_profile();

// VARIANT-2: the emulated OS never calls a callout newer than itself, and the
// modern RRAS never calls the NT 4.0 interface (VERSION-2).
bool offers(const Profile& p, Callout c);

}  // namespace rasconform
