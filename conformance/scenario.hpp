// One service life for a dynamic case: load the subject (fresh), put it in a
// chain, start the mock RRAS, run the case's body, stop, and hand back the
// trace with what went wrong. Keeps the cases to their rule logic.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conformance/case.hpp"
#include "mock/service.hpp"
#include "mock/whole_scenario.hpp"

namespace rasconform::conformance {

struct ScenarioOutcome {
    bool loaded = false;
    std::string load_error;
    mock::StartResult start;
    Trace trace;
    std::vector<mock::Diagnostic> diagnostics;
    bool split = false;  // the IP callouts ran in a second instance
    std::string ip_instance_note;  // DynamicContext::ip_instance_note, when split
    bool guarded = false;  // the backend guards argument memory (ACCEPT-5, ROBUST-5)
    std::string backend_note;  // why not, when it does not
    bool watched_calls = false;  // the backend notes blocking calls (SERIAL-6)
    // ScenarioSpec::unload_grace: what unloading the subject, and its IP
    // instance when the scenario had one, left (ROBUST-3).
    std::optional<UnloadResult> unload, unload_ip;
    mock::SoakRun soak;           // ScenarioSpec::soak's figures
    mock::StressScenario stress;  // ScenarioSpec::stress's result
    mock::EdgeScenario edges;     // ScenarioSpec::edges's result
    // Why a soak, stress or edge scenario was lost outside any traced call (its host
    // process ended or stopped answering); empty otherwise.
    std::string lost;
};

struct ScenarioSpec {
    mock::Options options;
    // Extra built-in DLLs placed before and after the subject in registry
    // order: the case's instruments, right next to the subject (the DLLs of a
    // checked chain, DynamicContext::open_before/open_after, go around them).
    std::vector<std::unique_ptr<AdminDllBackend>> before, after;
    std::function<void(mock::Service&)> body;
    // Instead of `body`, a whole service life of its own (whole_scenario.hpp),
    // run where the subject lives (DynamicContext::whole_scenario_where_the_dll_runs):
    // a ROBUST-4 soak measuring the process the subject runs in, or a
    // SERIAL-4/5 stress, or the ROBUST-6 edge inputs. All need the subject
    // alone, without a split - and without the other DLLs of a checked chain.
    std::optional<mock::SoakPlan> soak;
    std::optional<mock::StressOptions> stress;
    std::optional<mock::EdgePlan> edges;
    // ROBUST-3: once the service has stopped (Terminate returned), unload
    // the subject and watch for this long; the result is in the outcome.
    std::optional<std::chrono::milliseconds> unload_grace;
    std::optional<bool> split;  // overrides DynamicContext::split_processes
};

ScenarioOutcome run_scenario(DynamicContext& ctx, ScenarioSpec spec);

// The smallest whole connection: a user with one link, admitted, hung up.
void connect_and_hang_up(mock::Service& s);

// The opening of the multilink scenarios: a user admitted with one link,
// then a second link (port VPN1-1). `connection` is 0 when the DLL refused
// the user - policy, so the scenario just ends there.
struct Multilink {
    std::uint64_t connection = 0;
    bool second_link = false;  // the DLL accepted the second link
};
Multilink connect_with_two_links(mock::Service& s);

// Both of the above: one plain connection, then a multilink one left up
// (the service's stop hangs it up): every kind of callout once.
void plain_then_multilink(mock::Service& s);

// The name a subject's second instance carries in traces (PROC-2).
std::string ip_instance_name(const std::string& subject_name);

// Why the subject got no address callouts in `trace`: another DLL of the
// chain took them, the first in registry order that exports the pair
// (MULTI-4, MULTI-5, IPV6-7). Empty when no other DLL got any.
std::string address_callouts_elsewhere(const Trace& trace, std::string_view subject);

// First event of `dll` (or of its IP instance) in which the callout did not return normally.
const TraceEvent* first_fault(const Trace& trace, std::string_view dll);
// "subject.dll: MprAdminAcceptNewLink (connection 0x...) faulted: access violation (0xC0000005) at subject.dll+0x1a2b"
std::string fault_message(const TraceEvent& ev);
// "subject.dll: MprAdminAcceptNewLink (connection 0x1, link 0x2)": who made which call.
std::string call_name(const TraceEvent& ev);
// Whether the event is a call into the subject or its IP instance.
bool of_subject(const TraceEvent& ev, std::string_view dll);

// The result for a scenario that could not get the service running:
// not the subject's fault in this case, so `error` naming the reason.
CaseResult not_started(const CaseInfo& c, const ScenarioOutcome& o);

// The usual ending of a case that collects problems over a scenario: fail
// with `failure` when it is not empty, error when the service did not start,
// otherwise pass with `pass_message`; the scenario's trace goes along.
CaseResult conclude(const CaseInfo& c, const ScenarioOutcome& o, const std::string& failure,
                    const std::string& pass_message);

std::string hex(std::uint64_t v);

}  // namespace rasconform::conformance
