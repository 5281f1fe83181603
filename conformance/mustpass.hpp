// Must-pass lists (issue 6): for each profile, the cases a DLL has to pass to
// be certified under it. They live in conformance/mustpass/<version>/<profile>.txt,
// one case id per line, '#' starting a comment, and are compiled into the
// binary (mustpass/meson.build). A changed set is a new version, never an edit
// of an old one, so a bundle certified against version N keeps its meaning.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "conformance/case.hpp"

namespace rasconform::conformance {

struct MustPassList {
    int version = 0;
    std::string profile;
    std::vector<std::string> cases;  // in file order
};

// Every embedded list, as the build found them.
const std::vector<MustPassList>& mustpass_lists();
// The newest version: the one `certify` applies.
int latest_mustpass_version();
const MustPassList* find_mustpass(int version, std::string_view profile);

// The case ids of a list file: '#' comments, surrounding blanks and empty lines dropped.
std::vector<std::string> parse_mustpass(std::string_view text);

// A must-pass case is met by pass, and by not-applicable: the case found
// nothing of its kind to check in this DLL (a DLL without
// MprAdminInitializeDllEx has no callback table to get wrong).
bool meets_mustpass(Status s);

}  // namespace rasconform::conformance
