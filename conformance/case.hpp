// What a conformance case is and what it produces. Case IDs are stable,
// hierarchical paths (family.topic[.detail]); each case cites the rule IDs it
// checks, all of which must be in the rule catalog.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "rasconform/backend.hpp"
#include "rasconform/dll_output.hpp"
#include "rasconform/elf_image.hpp"
#include "rasconform/pe_image.hpp"
#include "rasconform/profile.hpp"
#include "rasconform/trace.hpp"

namespace rasconform::mock {
class ReentryMonitor;
}

namespace rasconform::conformance {

// The closed result set.
enum class Status {
    pass,            // the DLL meets the rule
    fail,            // the DLL breaks the rule
    warning,         // a quality problem that is not a contract break
    not_applicable,  // the case does not apply to this DLL or profile (always with the reason)
    error,           // the harness could not run the case (always with the reason)
};
std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view s);

struct CaseResult {
    std::string id;
    std::vector<std::string> rules;
    Status status = Status::error;
    std::string message;  // names the DLL, callout, rule; expected vs observed
    Trace trace;
    std::uint64_t duration_ns = 0;  // wall time of the case, loads and host processes included
    // The reason the baseline gives when it lists this case as a known
    // failure; empty when it does not (see baseline.hpp).
    std::string baseline;
    // Set when the case ran with --keep-going on a service RRAS would not
    // have started: why it would not (the first reason, with its rules).
    std::string rras_would_not_start;
    // What the DLL wrote during the case (standard output and error, debug
    // strings): its last lines, bounded (rasconform/dll_output.hpp). Last,
    // with an initializer: results are made as aggregates.
    DllOutput output{};
    bool known_failure() const { return !baseline.empty() && status == Status::fail; }
    bool unexpected_pass() const { return !baseline.empty() && status == Status::pass; }
};

// The DLL under test, as seen statically: a PE DLL, or (native mode, issue
// 8) a Linux shared object built from the DLL's portable sources against
// <rasconform/mprapi_compat.h>, which runs in this process so that ASan,
// UBSan and TSan see its logic.
struct Subject {
    std::filesystem::path path;
    std::string file_name;
    std::string sha256;
    PeImage pe;                   // empty for a shared object
    std::optional<ElfImage> elf;  // set for a shared object
    // A subject read back from a JSON report (rasconform merge) has no
    // image: its machine and export names are the ones the report recorded.
    struct Recorded {
        std::string machine;
        std::vector<std::string> exports;
    };
    std::optional<Recorded> recorded;
    bool shared_object() const { return elf.has_value(); }
    std::string machine() const;                    // "x86_64", "i686" ...
    std::vector<std::string> export_names() const;  // named exports, in table order
};

// ROBUST-4: connection lifecycles of the soak (the last measurement; the
// first is at a tenth of it), and ROBUST-3: how long the process is watched
// after the DLL is unloaded. Both switchable on the command line (--soak,
// --unload-grace-ms); the reasons for the defaults are in README.md.
inline constexpr int default_soak_connections = 1000;
inline constexpr int default_unload_grace_ms = 200;
// SERIAL-6, Q-23: RRAS serializes callouts, so a slow one makes every other
// client wait. Over this a callout draws a warning (not a failure: no
// timeout is documented). A network round trip to a policy server fits;
// holding the service for a quarter second does not.
inline constexpr int default_slow_callout_ms = 250;

using BackendFactory = std::function<std::unique_ptr<AdminDllBackend>()>;

struct DynamicContext {
    DynamicContext(const Profile& p, std::string name, BackendFactory open)
        : profile(p), subject_name(std::move(name)), open_subject(std::move(open)) {}

    const Profile& profile;
    std::string subject_name;
    BackendFactory open_subject;  // a fresh load per case: statics start clean
    // A chain (rasconform check A.dll B.dll, one DLLPath): the chain's other
    // DLLs in registry order before and after the subject, each opened fresh
    // per scenario like the subject and run where the isolation mode runs
    // it; they are judged when they are the subject. Empty: the subject alone.
    std::vector<BackendFactory> open_before, open_after;
    const std::vector<CaseResult>* earlier = nullptr;  // results of the dynamic cases run before
    // PROC-1/PROC-2, Q-14: a second, independent instance of the subject for
    // the IP address callouts (empty when the backend cannot make one), and
    // whether scenarios use it. On by default, so a DLL that shares memory
    // between the two groups meets the process split it gets from RRAS.
    BackendFactory open_ip_instance;
    // Set where the IP instance is not the subject's own file (one process
    // cannot load one file twice: --isolate none loads a renamed copy); a
    // case whose finding is about that instance says so.
    std::string ip_instance_note;
    bool split_processes = true;

    // REENTRY-4: the detector for forbidden administration calls, or nullptr
    // with the reason it is unavailable.
    mock::ReentryMonitor* reentry = nullptr;
    // Called before each dynamic case (isolation per case starts fresh hosts).
    std::function<void()> begin_case;
    // Called after each dynamic case: what the DLL wrote since the last call
    // (empty: the backend does not capture the DLL's output).
    std::function<DllOutput()> take_output;
    // Progress: called as each dynamic case starts, with its index among the
    // dynamic cases.
    std::function<void(std::size_t index, std::string_view case_id)> on_case;
    std::string reentry_unavailable = "no REENTRY detector in this backend";

    int soak_connections = default_soak_connections;  // ROBUST-4
    // Runs a whole-service-life scenario (mock/whole_scenario.hpp: soak,
    // stress) inside the process where the subject (as opened by
    // open_subject) lives, when that is another process (host isolation);
    // empty: the engine runs it itself. Either way the same code answers.
    std::function<nlohmann::json(AdminDllBackend& subject, const nlohmann::json& request,
                                 std::chrono::milliseconds expected)>
        whole_scenario_where_the_dll_runs;
    std::chrono::milliseconds unload_grace{default_unload_grace_ms};  // ROBUST-3
    std::chrono::milliseconds slow_callout{default_slow_callout_ms};  // SERIAL-6
    // --keep-going (mock::Options::keep_going): scenarios start the service
    // where RRAS would not; run_scenario notes why in rras_would_not_start,
    // which run_dynamic_cases moves to the case's result. Shared, so that a
    // case's copy of the context (another profile) notes it for the case.
    bool keep_going = false;
    std::shared_ptr<std::string> rras_would_not_start = std::make_shared<std::string>();
};

enum class CaseKind { static_, dynamic };

struct CaseInfo {
    std::string_view id;
    std::vector<std::string_view> rules;
    std::string_view summary;
    CaseKind kind;
    std::function<CaseResult(const Subject&, const Profile&)> run_static;
    std::function<CaseResult(DynamicContext&)> run_dynamic;
    // What certification asks of the case (must-pass lists, conformance/mustpass/):
    // a case that can only warn never fails a DLL, so no list names it; a case
    // that is not-applicable under some profiles says which (null: under every one).
    bool warning_only = false;
    bool (*applies)(const Profile&) = nullptr;
};

inline bool applies_under(const CaseInfo& c, const Profile& p) { return !c.applies || c.applies(p); }

// Helper for case code: a result pre-filled with the case's id and rules.
CaseResult result_for(const CaseInfo& c, Status s, std::string message);

}  // namespace rasconform::conformance
