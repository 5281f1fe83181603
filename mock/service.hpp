// The mock RRAS service: loads nothing itself, but drives a chain of admin
// DLLs (each behind an AdminDllBackend) through the callout sequences that
// Windows RRAS makes, following the dispatcher rules of the spec and the
// chosen profile. Every callout lands in the trace.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rasconform/backend.hpp"
#include "rasconform/connection.hpp"
#include "rasconform/profile.hpp"
#include "rasconform/scenario.hpp"
#include "rasconform/trace.hpp"

namespace rasconform::mock {

// Every switch answers an open question of spec section 5; defaults are the spec's.
struct Options {
    const Profile* profile = &default_profile();
    bool ask_every_dll = true;                 // ACCEPT-3, Q-8: no short-circuit after a FALSE
    bool ip_before_accept = true;              // IPADDR-11, Q-10
    bool release_after_hangup = true;          // IPADDR-12, Q-10: false releases before the connection hang-up
    bool release_after_refusal = true;         // IPADDR-14, Q-12
    std::optional<bool> hangup_after_reject;   // overrides the profile (HANGUP-4, Q-9)
    std::optional<Variant> forced_variant;     // VARIANT-3 override
    bool strict_exports = false;               // EXPORT-7, EX-4, EXPORT-3: refuse to start on orphans
    bool terminate_in_reverse = false;         // TERM-3, Q-7
    bool hang_up_live_at_stop = true;          // TERM-4, Q-7: false calls Terminate with connections still up
    // REAUTH-5, Q-25: which reauthentication callout a DLL exporting both
    // gets; empty: Ex when its connection callouts are Ex, else the plain one.
    std::optional<Callout> reauth_form;
    bool obsolete_protocols_failed = false;    // NBF/IPX/AppleTalk dwError non-zero instead of 0
    CallingThreads calling_threads = CallingThreads::reuse;  // SERIAL-7, Q-1
    // IPADDR-3, IPV6-3: what a bNotifyRelease the DLL never wrote means. The
    // spec leaves it open; RRAS reads a BOOL, where any non-zero value is
    // TRUE, so the sentinel asks for the Release by default. false: only a
    // written non-zero value does. Either way the DLL is flagged (Diagnostic).
    bool unwritten_notify_requests_release = true;
    // ROBUST-4: a soak measures the process the DLL runs in, which in-process
    // is the engine's too; a trace event per call, or a diagnostic per
    // connection, would be growth of the engine's own. false keeps only the
    // calls that did not return normally and the first diagnostic per DLL
    // and rule. Ignored while a CallGate that orders the trace drives the engine.
    bool record_every_call = true;
    // `check --keep-going`: where RRAS would not start the service (a
    // required export missing, an Init that answered an error), start it
    // anyway so that every later callout is still exercised: missing
    // callouts count as absent (not called; an absent accept or link
    // callout does not refuse) and the failed Init's answer is ignored.
    // StartResult says what RRAS would have done; a fault in Init still stops.
    bool keep_going = false;
};

// Something the engine noticed about a DLL while driving it (not a fault).
struct Diagnostic {
    std::string dll;
    std::string rule;
    std::string message;
};

struct StartResult {
    bool started = false;
    std::string reason;               // why the service did not start
    std::vector<std::string> rules;   // rules behind the refusal
    // Options::keep_going: the service started although RRAS would not
    // have; `reason` and `rules` then say why it would not.
    bool despite_refusal = false;
    bool refused() const { return !started || despite_refusal; }
};

struct ConnectResult {
    std::uint64_t connection = 0;     // hConnection
    bool admitted = false;            // accepted and first link up
    std::string refused_by;           // "subject.dll: MprAdminAcceptNewConnectionEx returned FALSE"
};

// Where a concurrent driver plugs into the engine (SERIAL-4, Q-1): every
// callout asks the gate for its turn, runs where the gate says and tells the
// gate when it returned. Without a gate, calls run inline on the caller.
class CallGate {
public:
    virtual ~CallGate() = default;
    // Blocks until the call may start; returns its start number (the trace's seq).
    virtual std::uint64_t enter(std::size_t dll, Callout callout) = 0;
    // Runs `call` (on a worker thread of the gate's choice) and returns its outcome.
    virtual CallOutcome run(const std::function<CallOutcome()>& call) = 0;
    virtual void leave(std::size_t dll, Callout callout) = 0;
    // Start numbers continue the service's own: the gate takes over after
    // `last` and reports the last number it gave out.
    virtual void continue_numbering(std::uint64_t last) = 0;
    virtual std::uint64_t last_number() const = 0;
    // Whether the trace must hold every call in start order (a driver that
    // checks or digests the order); false leaves Options::record_every_call
    // in force.
    virtual bool orders_the_trace() const { return true; }
    // Whether run() just calls on the calling thread (the engine then skips it).
    virtual bool runs_on_the_caller() const { return false; }
};

// Thread-safe: connection operations may come from several threads (one
// thread per connection at a time); the engine's state is guarded, and no
// lock is held while a callout runs.
class Service {
public:
    // `ip_instances`, when given, holds per DLL a second, independent
    // instance of the same DLL (another process, or the DLL copied under
    // another name): the IP address callouts go there and everything else
    // to the first, each instance initialized and terminated on its own
    // (PROC-1, PROC-2, Q-14). nullptr entries: no split for that DLL.
    Service(std::vector<AdminDllBackend*> chain, Options options = {},
            std::vector<AdminDllBackend*> ip_instances = {});
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Export validation, then Init in registry order (INIT-2, EX-6/EX-7).
    StartResult start();
    // One connection: Get IP, accept, first link (ORDER-7). `model.links`
    // must hold at least one link; handles are assigned here unless
    // the model gives them (handle_given, ...: ROBUST-6). A given handle
    // that is live already refuses the connection.
    ConnectResult connect(ConnectionModel model);
    // Another link joins an admitted connection (ORDER-4); false if refused.
    bool add_link(std::uint64_t connection, LinkModel link);
    // One link goes down while the connection stays up (ORDER-5).
    void drop_link(std::uint64_t connection, std::uint64_t port);
    // The connection goes away: link hang-ups, connection hang-up, release
    // (ORDER-6). Every cause takes the same path through the callouts; the
    // cause is recorded in the trace.
    void hang_up(std::uint64_t connection, HangupCause cause = HangupCause::user);
    // The NAP state of a live connection changes (REAUTH-1): every DLL is
    // asked (MULTI-6); a FALSE disconnects it (REAUTH-5, Q-25). Returns
    // whether the connection stays up.
    bool reauthenticate(std::uint64_t connection, winabi::RAS_QUARANTINE_STATE state,
                        winabi::FILETIME probation_deadline = {});
    // Handles of the live connection's links, in the order they joined.
    std::vector<std::uint64_t> links_of(std::uint64_t connection) const;
    std::size_t live_connections() const;
    // Live connection handles, and the connection a port belongs to (0 if none):
    // what the administration API (MprAdminConnectionEnum, ...PortDisconnect) sees.
    std::vector<std::uint64_t> connections() const;
    std::uint64_t connection_of_port(std::uint64_t port) const;
    // A fresh handle. Handles left 0 in a model are assigned by
    // connect()/add_link(); a driver that needs a reproducible assignment
    // takes them here in its own order.
    std::uint64_t new_handle();
    // Installs a concurrency driver; only between start() and stop().
    void set_gate(CallGate* gate);
    // Tears down live connections, then Terminate in registry order (TERM-4, Q-7).
    void stop();

    bool running() const { return running_; }
    // In start order (seq); read it when no connection operation is running.
    const Trace& trace() const { return trace_; }
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    // The variant the engine chose for DLL `index` (after start()).
    std::optional<Variant> variant_of(std::size_t index) const;

private:
    struct Bound;
    struct Live;
    struct CallNote;

    CallOutcome call(Bound& dll, Callout c, void* fn, std::span<void* const> args, std::uint64_t connection,
                     std::uint64_t link, const CallNote& note);
    CallOutcome call_role(Bound& dll, Callout c, const Live& live, const LinkModel* link);
    bool validate_exports(Bound& dll, std::string& why, std::vector<std::string>& rules) const;
    // false when the Init failed; `answered` whether it failed by its answer
    // (an error code) rather than by a fault.
    bool initialize(Bound& dll, std::string& why, bool& answered);
    bool initialize_instance(Bound& dll, std::string& why, bool& answered);
    Bound& ip_target(Bound& dll);
    void check_table(const Bound& dll, unsigned revision, const std::array<std::uint64_t, 12>& slots);
    bool filled_with_mingw_layout(const Bound& dll, const std::array<std::uint64_t, 12>& slots) const;
    void terminate_instance(Bound& dll);
    void choose_roles();
    void terminate(Bound& dll);
    bool get_addresses(Live& live);
    void diagnose(const Bound& dll, const char* rule, const std::function<std::string()>& message);
    void note_stack_imbalance(const Bound& dll, const CalloutInfo& callout, std::int32_t imbalance);
    bool notify_requested(const Bound& dll, Callout get, std::uint64_t connection, std::uint32_t value,
                          const char* rule);
    void release_addresses(Live& live);
    bool admit_link(Live& live, const LinkModel& link);
    void link_hangup(Live& live, const LinkModel& link, bool accepted);
    void connection_hangup(Live& live);
    std::uint64_t next_handle();
    const Live* live_on_port(std::uint64_t port) const;  // the connection with a link on it; mutex_ held
    Live* find(std::uint64_t connection);
    const Live* find(std::uint64_t connection) const;
    bool hangup_after_reject() const;
    void hang_up_locked(std::uint64_t connection, HangupCause cause);
    void stop_locked();

    std::vector<Bound> chain_;
    Options options_;
    // Connections by handle; map nodes keep their addresses while the lock
    // is dropped for a callout.
    std::map<std::uint64_t, Live> live_;
    Trace trace_;
    std::uint64_t started_calls_ = 0;
    CallGate* gate_ = nullptr;
    mutable std::mutex mutex_;  // held by every public operation except while a callout runs
    std::vector<Diagnostic> diagnostics_;
    std::optional<std::size_t> ipv4_dll_, ipv6_dll_;  // MULTI-4/MULTI-5, chosen once at start
    std::uint64_t handle_counter_ = 0;
    std::chrono::steady_clock::time_point epoch_ = std::chrono::steady_clock::now();
    bool running_ = false;
};

}  // namespace rasconform::mock
