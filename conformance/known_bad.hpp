// The mutation-kill matrix (tests/subjects/known_bad.toml): for each
// known-bad subject DLL of the test suite, the cases `rasconform check` must
// fail on it (with the rule each cites) and the warnings it must give. The
// e2e test runs it; the coverage table shows it per case.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rasconform::conformance {

struct KnownBadSubject {
    std::string dll;
    std::string bug;
    std::string check_args;                     // extra `check` arguments, e.g. "--timeout-ms 300"
    std::string machine = "x86_64";             // "i686": a 32-bit subject of the i686 tree
    std::map<std::string, std::string> fails;   // case id -> rule it cites
    std::map<std::string, std::string> warns;   // case id -> rule it cites
};

// Parses the matrix; throws std::runtime_error naming `origin` and the line on malformed input.
std::vector<KnownBadSubject> parse_known_bad(std::string_view toml, std::string_view origin);
// The matrix built into this binary.
const std::vector<KnownBadSubject>& known_bad_matrix();
// The subjects that fail or warn in case `id`.
std::vector<std::string> killers_of(std::string_view case_id);

}  // namespace rasconform::conformance
