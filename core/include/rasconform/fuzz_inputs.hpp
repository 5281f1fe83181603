// ROBUST-6 fuzzing: the inputs of `rasconform fuzz`, drawn from a seed.
//
// A fuzz input is a set of field changes on top of the ordinary connection
// (ConnectionModel{} with one LinkModel{}): each change puts one field the
// callouts receive to one value of its documented range, often an edge
// value (every flag bit, empty and array-filling strings with no room to
// spare, zero and maximal counters and durations, zero and all-ones
// handles, every interface type, tunnel, port condition and quarantine
// state, IPv4/IPv6 edge addresses).
// Iteration i of seed s is a function of (s, i) alone, on every platform:
// the same seed gives the same inputs, so the same findings.
//
// A trial plays one input as one connection in a fresh service: start,
// connect (Get IP, accept, first link), a second link (fuzz_second_link),
// a reauthentication to normal when the connection starts in another NAP
// state, the hang-up, stop. fuzz_trial_toml() writes the scenario file that
// plays exactly that through `rasconform simulate`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rasconform/connection.hpp"

namespace rasconform {

// splitmix64: tiny, and the same numbers everywhere (the standard
// distributions are not specified bit for bit across libraries).
class FuzzRng {
public:
    explicit FuzzRng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    std::uint64_t below(std::uint64_t n);  // uniform in [0, n), n > 0

private:
    std::uint64_t state_;
};

// A value of one field: `number` (and `extra`, a GUID's last 8 bytes) for
// numeric fields, `text` for strings.
struct FuzzValue {
    std::uint64_t number = 0;
    std::uint64_t extra = 0;
    std::u16string text;
    bool operator==(const FuzzValue&) const = default;
};

struct FuzzField {
    std::string name;                           // where the callout sees it: "RAS_CONNECTION_0.dwInterfaceType"
    std::vector<FuzzValue> edges;               // the documented edge values
    std::function<FuzzValue(FuzzRng&)> random;  // any value of the documented range
    std::function<void(ConnectionModel&, const FuzzValue&)> apply;
    std::function<std::string(const FuzzValue&)> show;  // "3 (dedicated)", "empty"
};

// In a fixed order (inputs refer to fields by index). The handle fields
// (hConnection, hInterface, hPort) come last.
const std::vector<FuzzField>& fuzz_fields();

// ROBUST-6 names zero handles; Q-27's default (the engine's handles:
// unique, non-NULL) contradicts them, so it is switchable: `drawn` (the
// default) draws the handle fields like any other, `engine` leaves them to
// the engine and draws from the other fields only, exactly the inputs a
// seed gave before handle fields existed.
enum class FuzzHandles { drawn, engine };
std::string to_string(FuzzHandles handles);  // "drawn", "engine" (a std::string, as CLI11 wants)
// The fields inputs are drawn from: fuzz_fields()[0, count).
std::size_t fuzz_field_count(FuzzHandles handles);

struct FuzzChange {
    std::size_t field = 0;
    FuzzValue value;
    bool operator==(const FuzzChange&) const = default;
};
using FuzzInput = std::vector<FuzzChange>;  // at most one change per field, by field index

FuzzInput fuzz_input(std::uint64_t seed, std::uint64_t iteration, FuzzHandles handles = FuzzHandles::drawn);

// The ordinary connection with one link, then the changes in order.
ConnectionModel fuzz_model(const FuzzInput& input);
// The trial's second link: the first under another port name.
LinkModel fuzz_second_link(const ConnectionModel& m);

// "RAS_CONNECTION_0.dwInterfaceType = 3 (dedicated)"
std::string describe(const FuzzChange& change);

// Delta debugging (Zeller's ddmin) over the items 0..count-1: a 1-minimal
// subset (removing any one item makes `fails` false) of a set for which
// `fails` holds. `fails` must hold for the whole set; it is asked about
// subsets only, never about the empty set.
std::vector<std::size_t> ddmin(std::size_t count, const std::function<bool(const std::vector<std::size_t>&)>& fails);

// The scenario file (core/src/scenario_file.cpp's format) of a trial of
// `m`: one [[connection]] "fuzzed" and its steps. `comment` lines go at the
// top as TOML comments.
std::string fuzz_trial_toml(const ConnectionModel& m, const std::string& name, const std::string& description,
                            const std::vector<std::string>& comment);

}  // namespace rasconform
