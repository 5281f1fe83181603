#include "mock/service.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <thread>

#include <boost/container/small_vector.hpp>

#include <fmt/format.h>

#include "mock/call_arguments.hpp"

namespace rasconform::mock {

// Per-DLL binding: where each role's function lives (export or callback
// table, EX-7) and which accept/hang-up variant this DLL gets (VARIANT-6).
struct Service::Bound {
    AdminDllBackend* backend = nullptr;
    std::size_t index = 0;                  // serialization key; IP instances get their own (another process)
    std::shared_ptr<Bound> ip_instance;     // PROC-2 split: where the IP callouts go
    std::array<void*, callout_count> fn{};
    std::optional<Variant> variant;
    bool initialized = false;
    bool threads_by_backend = false;        // the backend honours Options::calling_threads itself
    bool release_ipv6_from_table = false;   // HDR-2: then it is called __stdcall, as the table's typedef says

    void* operator[](Callout c) const { return fn[static_cast<std::size_t>(c)]; }
    void*& operator[](Callout c) { return fn[static_cast<std::size_t>(c)]; }
};

struct Service::Live {
    explicit Live(ConnectionModel&& m) : model(std::move(m)) {}  // no default model built and thrown away

    ConnectionModel model;
    std::string_view hangup_cause;          // "admin": noted on the hang-up callouts of this connection
    std::u16string address_port;            // the port the addresses were asked for; Release names it again (IPADDR-7)
    // Inline room for the usual chain and link count: a connection costs no
    // allocation beyond its node (issue 7).
    boost::container::small_vector<std::size_t, 2> asked;       // DLLs that were asked to accept (HANGUP-5)
    boost::container::small_vector<std::uint64_t, 2> up_links;  // ports whose AcceptNewLink was answered TRUE by all
    boost::container::small_vector<std::size_t, 2> link_asked;  // DLLs asked about the link admitted last (ACCEPT-3 short-circuit)
    bool ipv4_notify = false, ipv6_notify = false;
    std::uint32_t ipv4 = 0;
    winabi::IN6_ADDR ipv6{};
};

// What the trace says about a call's arguments ("user=alice port=VPN1-0
// cause=admin"). Text is made only for a call the trace keeps: the fast
// mode (record_every_call off) makes none for calls that return.
struct Service::CallNote {
    CallNote(const CallArguments* a = nullptr, std::string_view k = {}, std::string_view v = {})
        : arguments(a), key(k), value(v) {}

    const CallArguments* arguments;
    std::string_view key, value;  // one more "key=value", when value is not empty

    std::string text() const {
        std::string s = arguments ? arguments->summary() : std::string();
        if (!value.empty()) {
            if (!s.empty()) s += ' ';
            s.append(key).append("=").append(value);
        }
        return s;
    }
};

namespace {

CallOutcome on_a_thread_of_its_own(const std::function<CallOutcome()>& call) {
    CallOutcome o;
    std::thread([&] { o = call(); }).join();
    return o;
}

std::uint64_t thread_tag() {
    thread_local const std::uint64_t tag = std::hash<std::thread::id>{}(std::this_thread::get_id());
    return tag;
}

// handles are unique, non-NULL, multiples of 4 like real HANDLEs, and
// point where nothing can be mapped (non-canonical on x64, kernel half on x86).
constexpr std::uint64_t handle_base = sizeof(void*) == 8 ? 0xDEAD000000000000ull : 0xC0000000ull;

}  // namespace

Service::Service(std::vector<AdminDllBackend*> chain, Options options, std::vector<AdminDllBackend*> ip_instances)
    : options_(options) {
    chain_.reserve(chain.size());
    for (std::size_t i = 0; i < chain.size(); ++i) {
        Bound bound;
        bound.backend = chain[i];
        bound.index = i;
        if (i < ip_instances.size() && ip_instances[i]) {
            bound.ip_instance = std::make_shared<Bound>();
            bound.ip_instance->backend = ip_instances[i];
            bound.ip_instance->index = chain.size() + i;
            bound.ip_instance->threads_by_backend = ip_instances[i]->set_calling_threads(options_.calling_threads);
        }
        bound.threads_by_backend = chain[i]->set_calling_threads(options_.calling_threads);
        chain_.push_back(bound);
    }
}

Service::~Service() {
    if (running_) stop();
}

std::uint64_t Service::next_handle() {
    handle_counter_ += 4;
    return handle_base + handle_counter_;
}

std::uint64_t Service::new_handle() {
    std::lock_guard lock(mutex_);
    return next_handle();
}

void Service::set_gate(CallGate* gate) {
    std::lock_guard lock(mutex_);
    if (gate_) started_calls_ = gate_->last_number();  // one numbering for the whole trace
    gate_ = gate;
    if (gate_) gate_->continue_numbering(started_calls_);
}

std::vector<std::uint64_t> Service::connections() const {
    std::lock_guard lock(mutex_);
    std::vector<std::uint64_t> out;
    for (const auto& [handle, live] : live_) out.push_back(handle);
    return out;
}

const Service::Live* Service::live_on_port(std::uint64_t port) const {
    for (const auto& [handle, live] : live_)
        for (const LinkModel& l : live.model.links)
            if (l.port_handle == port) return &live;
    return nullptr;
}

std::uint64_t Service::connection_of_port(std::uint64_t port) const {
    std::lock_guard lock(mutex_);
    const Live* live = live_on_port(port);
    return live ? live->model.handle : 0;
}

std::size_t Service::live_connections() const {
    std::lock_guard lock(mutex_);
    return live_.size();
}

bool Service::hangup_after_reject() const {
    return options_.hangup_after_reject.value_or(options_.profile->hangup_after_rejected_accept);
}

std::optional<Variant> Service::variant_of(std::size_t index) const {
    if (index >= chain_.size()) return std::nullopt;
    return chain_[index].variant;
}

Service::Live* Service::find(std::uint64_t connection) {
    auto it = live_.find(connection);
    return it == live_.end() ? nullptr : &it->second;
}

const Service::Live* Service::find(std::uint64_t connection) const {
    return const_cast<Service*>(this)->find(connection);
}

std::vector<std::uint64_t> Service::links_of(std::uint64_t connection) const {
    std::lock_guard lock(mutex_);
    std::vector<std::uint64_t> out;
    if (const Live* live = find(connection))
        for (const LinkModel& l : live->model.links) out.push_back(l.port_handle);
    return out;
}

// Precondition: mutex_ is held. It is released while the callout runs, so
// other connections progress; the trace slot is reserved by start number.
// A call the trace will not keep (fast mode, returned normally) costs no
// text, no clock reading and no copy.
CallOutcome Service::call(Bound& dll, Callout c, void* fn, std::span<void* const> args, std::uint64_t connection,
                          std::uint64_t link, const CallNote& note) {
    const CalloutInfo& ci =
        c == Callout::ReleaseIpv6AddressForUser && dll.release_ipv6_from_table ? table_info(c) : info(c);
    const std::size_t dll_index = dll.index;
    const bool keep_all = options_.record_every_call || (gate_ && gate_->orders_the_trace());
    std::string text;
    if (keep_all) text = note.text();  // before the call: what went in
    std::uint64_t seq;
    if (gate_) {
        mutex_.unlock();
        seq = gate_->enter(dll_index, c);
        if (keep_all) {
            mutex_.lock();
            if (trace_.size() < seq) trace_.resize(seq);
            mutex_.unlock();
        }
    } else {
        seq = ++started_calls_;
        if (keep_all && trace_.size() < seq) trace_.resize(seq);
        mutex_.unlock();
    }
    std::chrono::steady_clock::time_point t0{}, t1{};
    std::uint64_t thread = 0;
    auto invoke = [&] {
        if (keep_all) t0 = std::chrono::steady_clock::now();
        CallOutcome o = options_.calling_threads == CallingThreads::fresh && !dll.threads_by_backend
                            ? on_a_thread_of_its_own([&] { return dll.backend->call(ci, fn, args); })
                            : dll.backend->call(ci, fn, args);
        if (keep_all) t1 = std::chrono::steady_clock::now();
        thread = thread_tag();
        return o;
    };
    CallOutcome outcome = !gate_ || gate_->runs_on_the_caller() ? invoke() : gate_->run(invoke);
    if (gate_) gate_->leave(dll_index, c);
    mutex_.lock();
    if (outcome.stack_imbalance) note_stack_imbalance(dll, ci, outcome.stack_imbalance);
    if (!keep_all && outcome.returned()) return outcome;
    TraceEvent ev;
    ev.seq = seq;
    ev.callout = c;
    ev.dll = dll.backend->name();
    ev.connection = connection;
    ev.link = link;
    ev.thread = thread;
    ev.args = keep_all ? std::move(text) : note.text();
    ev.outcome = outcome;
    if (keep_all) {  // the fast mode times nothing: only the outcome of a call it keeps matters
        ev.start_ns = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(t0 - epoch_).count());
        ev.duration_ns = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
        trace_[seq - 1] = std::move(ev);
    } else {
        trace_.push_back(std::move(ev));
    }
    return outcome;
}

CallOutcome Service::call_role(Bound& dll, Callout c, const Live& live, const LinkModel* link) {
    // Only with keep_going can a role be missing: an absent callout is not
    // called, and an absent accept does not refuse.
    if (!dll[c]) {
        CallOutcome absent;
        absent.value = 1;
        return absent;
    }
    CallArguments a(info(c), live.model, link);
    CallNote note{&a};
    const CalloutInfo& i = info(c);
    if (!live.hangup_cause.empty() && i.returns == Returns::none && i.group != SerialGroup::ipv4 &&
        i.group != SerialGroup::ipv6)
        note = {&a, "cause", live.hangup_cause};
    return call(dll, c, dll[c], a.pointers(), live.model.handle, link ? link->port_handle : 0, note);
}

bool Service::validate_exports(Bound& dll, std::string& why, std::vector<std::string>& rules) const {
    const Profile& p = *options_.profile;
    auto has = [&](Callout c) { return offers(p, c) && dll.backend->resolve(info(c).name) != nullptr; };
    std::vector<std::string> missing;
    if (!has(Callout::InitializeDll) && !has(Callout::InitializeDllEx)) missing.push_back("MprAdminInitializeDll");
    // With InitializeDllEx the table may supply these roles (EX-7): checked after Init.
    if (!has(Callout::InitializeDllEx)) {
        for (Callout c : {Callout::TerminateDll, Callout::AcceptNewLink, Callout::LinkHangupNotification})
            if (!has(c)) missing.push_back(std::string(info(c).name));
    }
    if (!missing.empty()) {
        why = fmt::format("{}: required export{} {} missing", dll.backend->name(), missing.size() > 1 ? "s" : "",
                          fmt::join(missing, ", "));
        rules = {"EXPORT-1", "EXPORT-4"};
        return false;
    }
    if (p.ipv4_pair_mandatory && !(has(Callout::GetIpAddressForUser) && has(Callout::ReleaseIpAddress))) {
        why = fmt::format("{}: {} requires MprAdminGetIpAddressForUser and MprAdminReleaseIpAddress",
                          dll.backend->name(), to_string(p.version));
        rules = {"EXPORT-6"};
        return false;
    }
    if (options_.strict_exports) {
        for (auto [get, rel] : {std::pair{Callout::GetIpAddressForUser, Callout::ReleaseIpAddress},
                                std::pair{Callout::GetIpv6AddressForUser, Callout::ReleaseIpv6AddressForUser}}) {
            if (has(get) != has(rel)) {
                why = fmt::format("{}: exports {} without {}", dll.backend->name(),
                                  info(has(get) ? get : rel).name, info(has(get) ? rel : get).name);
                rules = {"EXPORT-5", "EXPORT-7"};
                return false;
            }
        }
        if (p.reauth_export_required && !has(Callout::AcceptReauthentication) &&
            !has(Callout::AcceptReauthenticationEx) && !has(Callout::InitializeDllEx)) {
            why = fmt::format("{}: neither MprAdminAcceptReauthentication nor ...Ex is exported",
                              dll.backend->name());
            rules = {"EXPORT-3"};
            return false;
        }
    }
    return true;
}

bool Service::initialize(Bound& dll, std::string& why, bool& answered) {
    // PROC-2, Q-14: each instance is initialized on its own, the IP one
    // second. keep_going: an instance whose Init answered an error is used
    // as if it had succeeded; `answered` stays true only while every
    // failure was an answer (not a fault).
    answered = true;
    bool ok = true;
    for (Bound* instance : {&dll, dll.ip_instance.get()}) {
        if (!instance) continue;
        std::string instance_why;
        bool instance_answered = false;
        if (initialize_instance(*instance, instance_why, instance_answered)) continue;
        if (ok) why = std::move(instance_why);
        ok = false;
        answered = answered && instance_answered;
        if (!(options_.keep_going && instance_answered)) return false;
    }
    return ok;
}

bool Service::initialize_instance(Bound& dll, std::string& why, bool& answered) {
    const Profile& p = *options_.profile;
    auto exported = [&](Callout c) { return offers(p, c) ? dll.backend->resolve(info(c).name) : nullptr; };
    for (const CalloutInfo& i : callout_catalog())
        if (i.requirement != Requirement::table_only) dll[i.id] = exported(i.id);

    // EX-7 / Q-4: InitializeDllEx wins when exported; the table it fills
    // replaces exports for the roles it covers.
    if (void* init_ex = dll[Callout::InitializeDllEx]) {
        winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS table;
        std::memset(&table, 0, sizeof table);  // EX-6: zero-filled, the DLL fills it
        void* args[] = {&table};
        CallOutcome o = call(dll, Callout::InitializeDllEx, init_ex, args, 0, 0, {nullptr, "callbacks", "zeroed table"});
        const bool failed = !o.returned() || o.value != winabi::NO_ERROR;
        if (failed) {
            why = o.returned() ? fmt::format("{}: MprAdminInitializeDllEx returned {}", dll.backend->name(), o.value)
                               : fmt::format("{}: MprAdminInitializeDllEx: {}", dll.backend->name(), describe(o));
            answered = o.returned();
            // keep_going: the answer is ignored and the table taken as filled.
            if (!(options_.keep_going && answered)) return false;
        }
        dll.initialized = true;
        if (table.revision != winabi::MPRAPI_ADMIN_DLL_VERSION_1 && table.revision != winabi::MPRAPI_ADMIN_DLL_VERSION_2)
            diagnostics_.push_back({dll.backend->name(), "EX-6",
                                    fmt::format("callback table revision left at {} (expected 1 or 2)",
                                                table.revision)});
        const bool ex_objects = table.revision == winabi::MPRAPI_ADMIN_DLL_VERSION_2;  // EX-2
        std::array<std::uint64_t, 12> slots{
            table.lpfnMprAdminGetIpAddressForUser,        table.lpfnMprAdminReleaseIpAddress,
            table.lpfnMprAdminGetIpv6AddressForUser,      table.lpfnMprAdminReleaseIpV6AddressForUser,
            table.lpfnRasAdminAcceptNewLink,              table.lpfnRasAdminLinkHangupNotification,
            table.lpfnRasAdminTerminateDll,               table.lpfnRasAdminAcceptNewConnectionEx,
            table.lpfnRasAdminAcceptEndpointChangeEx,     table.lpfnRasAdminAcceptReauthenticationEx,
            table.lpfnRasAdminConnectionHangupNotificationEx, table.lpfnRASValidatePreAuthenticatedConnectionEx};
        if (filled_with_mingw_layout(dll, slots)) {
            // Built against mingw-w64's 11-slot table: ReauthenticationEx sits in the
            // endpoint-change slot and HangupNotificationEx in the ReauthenticationEx
            // slot. Calling them there would hand the DLL the wrong event, so those
            // slots are not used.
            diagnostics_.push_back({dll.backend->name(), "EX-3",
                                    "the callback table was filled with mingw-w64's 11-slot MPRAPI_ADMIN_DLL_CALLBACKS: "
                                    "ReauthenticationEx landed in the endpoint-change slot and "
                                    "ConnectionHangupNotificationEx in the ReauthenticationEx slot; declare the SDK's "
                                    "13-slot table (mingw-w64 10's <mprapi.h> lacks two slots)"});
            slots[8] = slots[9] = slots[10] = slots[11] = 0;
        }
        check_table(dll, table.revision, slots);
        for (const CalloutInfo& i : callout_catalog()) {
            if (i.table_slot < 0) continue;
            void* ptr = reinterpret_cast<void*>(static_cast<std::uintptr_t>(slots[std::size_t(i.table_slot)]));
            if (!ptr) continue;
            const bool ex_role = i.params[0] == Param::RasConnectionEx || i.params[0] == Param::AuthValidationEx;
            if (ex_role && !ex_objects) continue;
            dll[i.id] = ptr;
            if (i.id == Callout::ReleaseIpv6AddressForUser) dll.release_ipv6_from_table = true;
        }
        return !failed;
    }
    void* init = dll[Callout::InitializeDll];
    if (!init) {  // keep_going past a missing Init (validate_exports said so): nothing to call
        dll.initialized = true;
        return true;
    }
    CallOutcome o = call(dll, Callout::InitializeDll, init, {}, 0, 0, {});
    dll.initialized = o.returned() && (o.value == winabi::NO_ERROR || options_.keep_going);
    if (!o.returned() || o.value != winabi::NO_ERROR) {
        why = o.returned() ? fmt::format("{}: MprAdminInitializeDll returned {}", dll.backend->name(), o.value)
                           : fmt::format("{}: MprAdminInitializeDll: {}", dll.backend->name(), describe(o));
        answered = o.returned();
        return false;
    }
    return true;
}

void Service::choose_roles() {
    const Profile& p = *options_.profile;
    for (Bound& dll : chain_) {
        auto complete = [&](Variant v) {
            return offers(p, accept_callout(v)) && dll[accept_callout(v)] && dll[hangup_callout(v)];
        };
        dll.variant.reset();
        // VARIANT-3, Q-3: newest complete pair, unless a complete one is forced.
        if (options_.forced_variant && complete(*options_.forced_variant)) {
            dll.variant = options_.forced_variant;
        } else {
            for (auto it = all_variants.rbegin(); it != all_variants.rend(); ++it)
                if (complete(*it)) {
                    dll.variant = *it;
                    break;
                }
        }
        // The IP pairs only count when both halves are there (EXPORT-5, lenient Q-5).
        for (auto [get, rel] : {std::pair{Callout::GetIpAddressForUser, Callout::ReleaseIpAddress},
                                std::pair{Callout::GetIpv6AddressForUser, Callout::ReleaseIpv6AddressForUser}}) {
            if (!dll[get] || !dll[rel]) {
                if (dll[get] || dll[rel])
                    diagnostics_.push_back({dll.backend->name(), "EXPORT-7",
                                            fmt::format("half of the {} pair provided; the pair is ignored",
                                                        info(get).name)});
                dll[get] = dll[rel] = nullptr;
            }
        }
    }
    // MULTI-4, MULTI-5, IPV6-7: the first DLL in registry order that has the pair, chosen independently.
    ipv4_dll_.reset();
    ipv6_dll_.reset();
    for (std::size_t i = 0; i < chain_.size(); ++i) {
        if (!ipv4_dll_ && chain_[i][Callout::GetIpAddressForUser]) ipv4_dll_ = i;
        if (!ipv6_dll_ && chain_[i][Callout::GetIpv6AddressForUser]) ipv6_dll_ = i;
    }
}

StartResult Service::start() {
    std::lock_guard lock(mutex_);
    StartResult r;
    if (chain_.empty()) {
        r.reason = "no admin DLL configured";
        r.rules = {"LOAD-1"};
        return r;
    }
    if (!options_.profile->multiple_dlls && chain_.size() > 1) {
        r.reason = fmt::format("{} supports a single admin DLL", to_string(options_.profile->version));
        r.rules = {"MULTI-1", "LOAD-6"};
        return r;
    }
    // Where RRAS would stop: without keep_going the start ends there; with
    // it the first such reason is kept and the start goes on.
    auto refuse = [&](std::string why, std::vector<std::string> rules) {
        if (r.despite_refusal) return;
        r.reason = std::move(why);
        r.rules = std::move(rules);
        r.despite_refusal = options_.keep_going;
    };
    for (Bound& dll : chain_) {
        std::string why;
        std::vector<std::string> rules;
        if (!validate_exports(dll, why, rules)) {
            refuse(std::move(why), std::move(rules));
            if (!options_.keep_going) return r;
        }
    }
    // INIT-2 registry order; INIT-4 / Q-6: on failure stop there and
    // terminate the DLLs already initialized, in reverse order.
    for (std::size_t i = 0; i < chain_.size(); ++i) {
        std::string why;
        bool answered = false;
        if (!initialize(chain_[i], why, answered)) {
            if (options_.keep_going && answered) {  // the answer is ignored; a fault is not
                refuse(std::move(why), {"INIT-3"});
                continue;
            }
            // What stops the start now is this, even after a refusal that
            // keep_going went past (a missing export): it is the reason.
            r.reason = std::move(why);
            r.rules = {"INIT-3"};
            r.despite_refusal = false;
            for (std::size_t k = i + 1; k-- > 0;) terminate(chain_[k]);  // incl. a half-initialized split DLL
            return r;
        }
    }
    choose_roles();
    for (std::size_t i = 0; i < chain_.size(); ++i) {
        Bound& dll = chain_[i];
        std::vector<std::string> missing;
        for (Callout c : {Callout::TerminateDll, Callout::AcceptNewLink, Callout::LinkHangupNotification})
            if (!dll[c]) missing.push_back(std::string(info(c).name));
        if (!dll.variant) missing.push_back("a complete accept/hang-up pair");
        if (!missing.empty()) {
            refuse(fmt::format("{}: {} missing", dll.backend->name(), fmt::join(missing, ", ")),
                   dll.variant ? std::vector<std::string>{"EXPORT-1", "EXPORT-4"}
                               : std::vector<std::string>{"EXPORT-2", "EXPORT-4"});
            if (options_.keep_going) continue;
            for (std::size_t k = chain_.size(); k-- > 0;) terminate(chain_[k]);
            return r;
        }
    }
    running_ = true;
    r.started = true;
    return r;
}

// A finding about a DLL's answer. With record_every_call off (soak), only
// the first per DLL and rule is kept: a diagnostic per connection would be
// growth of the engine's own memory.
void Service::diagnose(const Bound& dll, const char* rule, const std::function<std::string()>& message) {
    const bool known = std::any_of(diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& d) {
        return d.dll == dll.backend->name() && d.rule == rule;
    });
    if (options_.record_every_call || !known) diagnostics_.push_back({dll.backend->name(), rule, message()});
}

// HDR-2 (x86): the callee took more or fewer bytes off the stack than the
// convention RRAS calls it with lets it. Said once per function and way.
void Service::note_stack_imbalance(const Bound& dll, const CalloutInfo& callout, std::int32_t imbalance) {
    const bool from_table = &callout == &table_info(callout.id) && info(callout.id).convention != callout.convention;
    const std::string how = callout.convention == CallingConvention::cdecl_ ? "__cdecl" : "__stdcall";
    const std::string source =
        from_table ? fmt::format("{} from the callback table", callout.name) : fmt::format("the exported {}", callout.name);
    const std::string why =
        callout.id != Callout::ReleaseIpv6AddressForUser
            ? "the SDK declares every callout APIENTRY (__stdcall)"
        : from_table ? "the table's PMPRADMINRELEASEIPV6ADDRESSFORUSER is APIENTRY (__stdcall)"
                     : "the SDK's prototype of the export has no APIENTRY (Q-28)";
    std::string message =
        imbalance > 0
            ? fmt::format("{} took {} bytes of arguments off the stack that its caller owns: it is __stdcall, but {} "
                          "and so RRAS calls it {}; the caller's stack pointer is then {} bytes off",
                          source, imbalance, why, how, imbalance)
            : fmt::format("{} left {} bytes of arguments on the stack: it is __cdecl, but {} and so RRAS calls it "
                          "{}; the caller's stack pointer is then {} bytes off",
                          source, -imbalance, why, how, -imbalance);
    const bool known = std::any_of(diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& d) {
        return d.dll == dll.backend->name() && d.rule == "HDR-2" && d.message == message;
    });
    if (!known) diagnostics_.push_back({dll.backend->name(), "HDR-2", std::move(message)});
}

// IPADDR-3 (IPV6-3 for the IPv6 Get, same model by IPV6-1): bNotifyRelease
// is [out], so a Get that succeeded must have overwritten the sentinel.
bool Service::notify_requested(const Bound& dll, Callout get, std::uint64_t connection, std::uint32_t value,
                               const char* rule) {
    if (value != CallArguments::notify_sentinel) return value != 0;
    diagnose(dll, rule, [&] {
        return fmt::format("{}: {} (connection 0x{:x}) returned NO_ERROR but left *bNotifyRelease "
                           "unwritten: expected TRUE or FALSE ([out]), observed the sentinel 0x{:08X} "
                           "the engine put there",
                           dll.backend->name(), info(get).name, connection, CallArguments::notify_sentinel);
    });
    return options_.unwritten_notify_requests_release;
}

bool Service::get_addresses(Live& live) {
    live.address_port = live.model.links.front().port_name;
    // IPADDR-4, IPV6-4: any error terminates the connection.
    if (ipv4_dll_) {
        Bound& dll = ip_target(chain_[*ipv4_dll_]);
        CallArguments a(info(Callout::GetIpAddressForUser), live.model, &live.model.links.front());
        CallOutcome o = call(dll, Callout::GetIpAddressForUser, dll[Callout::GetIpAddressForUser], a.pointers(),
                             live.model.handle, 0, {&a});
        if (!o.returned() || o.value != winabi::NO_ERROR) return false;
        live.ipv4 = a.ipv4;
        live.ipv4_notify = notify_requested(dll, Callout::GetIpAddressForUser, live.model.handle, a.notify_release, "IPADDR-3");
        if (live.ipv4 == 0) {  // IPADDR-2: entry 0 left 0 -> the user cannot connect
            diagnose(dll, "IPADDR-2", [&] {
                return fmt::format("{}: MprAdminGetIpAddressForUser (connection 0x{:x}) got 0 on entry and "
                                   "returned NO_ERROR without storing an address: expected an address (the user "
                                   "cannot connect without one)",
                                   dll.backend->name(), live.model.handle);
            });
            return false;
        }
    }
    if (ipv6_dll_) {
        Bound& dll = ip_target(chain_[*ipv6_dll_]);
        CallArguments a(info(Callout::GetIpv6AddressForUser), live.model, &live.model.links.front());
        CallOutcome o = call(dll, Callout::GetIpv6AddressForUser, dll[Callout::GetIpv6AddressForUser],
                             a.pointers(), live.model.handle, 0, {&a});
        if (!o.returned() || o.value != winabi::NO_ERROR) return false;
        live.ipv6 = a.ipv6;
        live.ipv6_notify = notify_requested(dll, Callout::GetIpv6AddressForUser, live.model.handle, a.notify_release, "IPV6-3");
        if (std::all_of(std::begin(live.ipv6.Byte), std::end(live.ipv6.Byte), [](auto b) { return b == 0; })) {
            // IPV6-1, as IPADDR-2: given no address (or having cleared it), the
            // DLL claimed success and left the user without one.
            diagnose(dll, "IPV6-1", [&] {
                return fmt::format("{}: MprAdminGetIpv6AddressForUser (connection 0x{:x}) returned NO_ERROR "
                                   "leaving the address all zero{}: expected an address (the user cannot "
                                   "connect without one)",
                                   dll.backend->name(), live.model.handle,
                                   live.model.ipv6_offered ? "" : " (it got zero on entry)");
            });
            return false;
        }
    }
    return true;
}

void Service::release_addresses(Live& live) {
    // IPADDR-7: same user and port as Get, and the address Get produced.
    if (ipv4_dll_ && live.ipv4_notify) {
        Bound& dll = ip_target(chain_[*ipv4_dll_]);
        CallArguments a(info(Callout::ReleaseIpAddress), live.model, live.address_port);
        a.ipv4 = live.ipv4;
        call(dll, Callout::ReleaseIpAddress, dll[Callout::ReleaseIpAddress], a.pointers(), live.model.handle, 0,
             {&a});
        live.ipv4_notify = false;
    }
    if (ipv6_dll_ && live.ipv6_notify) {
        Bound& dll = ip_target(chain_[*ipv6_dll_]);
        CallArguments a(info(Callout::ReleaseIpv6AddressForUser), live.model, live.address_port);
        a.ipv6 = live.ipv6;
        call(dll, Callout::ReleaseIpv6AddressForUser, dll[Callout::ReleaseIpv6AddressForUser], a.pointers(),
             live.model.handle, 0, {&a});
        live.ipv6_notify = false;
    }
}

bool Service::admit_link(Live& live, const LinkModel& link) {
    // LINK-2: registry order, AND of the answers; a fault counts as a refusal.
    bool all = true;
    live.link_asked.clear();
    for (std::size_t i = 0; i < chain_.size(); ++i) {
        if (!all && !options_.ask_every_dll) break;
        live.link_asked.push_back(i);
        CallOutcome o = call_role(chain_[i], Callout::AcceptNewLink, live, &link);
        if (!o.returned() || o.value == 0) all = false;
    }
    if (all) live.up_links.push_back(link.port_handle);
    return all;
}

void Service::link_hangup(Live& live, const LinkModel& link, bool accepted) {
    // LINK-4: after a refused link only profiles newer than Windows 2000
    // notify, and only the DLLs that were asked about it.
    if (!accepted && !options_.profile->link_hangup_after_refused_link) return;
    if (accepted) {
        for (Bound& dll : chain_) call_role(dll, Callout::LinkHangupNotification, live, &link);  // LINK-6
    } else {
        for (std::size_t i : live.link_asked) call_role(chain_[i], Callout::LinkHangupNotification, live, &link);
    }
    live.up_links.erase(std::remove(live.up_links.begin(), live.up_links.end(), link.port_handle), live.up_links.end());
}

void Service::connection_hangup(Live& live) {
    // HANGUP-2 registry order, HANGUP-5 every DLL that was asked, VARIANT-4 the partner variant.
    for (std::size_t i : live.asked) {
        Bound& dll = chain_[i];
        call_role(dll, hangup_callout(*dll.variant), live, nullptr);
    }
}

ConnectResult Service::connect(ConnectionModel model) {
    std::lock_guard lock(mutex_);
    ConnectResult r;
    if (!running_ || model.links.empty()) {
        r.refused_by = running_ ? "connection has no link" : "service not running";
        return r;
    }
    if (!model.handle && !model.handle_given) model.handle = next_handle();
    if (!model.interface_handle && !model.interface_handle_given) model.interface_handle = next_handle();
    for (LinkModel& l : model.links)
        if (!l.port_handle && !l.port_handle_given) l.port_handle = next_handle();
    // Connections are keyed by hConnection and links by hPort: a handle a
    // test gives (ROBUST-6) must not be one that is live, or two connections
    // (links) would merge into one. Engine handles are unique by
    // construction, so only given port handles are looked for (the search
    // is linear, and stress connects thousands).
    if (find(model.handle)) {
        r.refused_by = fmt::format("connection handle 0x{:x} is already live (handles are unique, Q-27)", model.handle);
        return r;
    }
    for (std::size_t k = 0; k < model.links.size(); ++k) {
        if (!model.links[k].port_handle_given) continue;
        const std::uint64_t port = model.links[k].port_handle;
        const bool twice = std::any_of(model.links.begin(), model.links.end(), [&](const LinkModel& l) {
            return &l != &model.links[k] && l.port_handle == port;
        });
        if (twice || live_on_port(port)) {
            r.refused_by = fmt::format("port handle 0x{:x} already carries a link (handles are unique, Q-27)", port);
            return r;
        }
    }
    if (!model.guid_given) model.guid.Data1 = static_cast<std::uint32_t>(model.handle);  // STRUCT-3: unique per connection
    if (options_.obsolete_protocols_failed) model.obsolete_protocol_error = 733;  // ERROR_PPP_CP_REJECTED
    r.connection = model.handle;
    Live* live = &live_.try_emplace(r.connection, std::move(model)).first->second;

    auto finish_refused = [&](bool notify_hangup) {
        if (notify_hangup) {
            live->hangup_cause = "rejected";
            connection_hangup(*live);
        }
        if (options_.release_after_refusal) release_addresses(*live);
        live_.erase(r.connection);
    };

    if (options_.ip_before_accept && !get_addresses(*live)) {
        r.refused_by = "address assignment failed";
        finish_refused(false);  // no accept was made, nothing to hang up
        return r;
    }
    // ACCEPT-2: registry order, AND of answers; ACCEPT-3: ask everyone by default.
    bool accepted = true;
    for (std::size_t i = 0; i < chain_.size(); ++i) {
        if (!accepted && !options_.ask_every_dll) break;
        Bound& dll = chain_[i];
        if (!dll.variant) continue;  // keep_going past a DLL without an accept/hang-up pair: not asked
        Callout c = accept_callout(*dll.variant);
        live->asked.push_back(i);
        CallOutcome o = call_role(dll, c, *live, nullptr);
        if (!o.returned() || o.value == 0) {
            if (accepted)
                r.refused_by = o.returned() ? fmt::format("{}: {} returned FALSE", dll.backend->name(), info(c).name)
                                            : fmt::format("{}: {}: {}", dll.backend->name(), info(c).name,
                                                          describe(o));
            accepted = false;
        }
    }
    if (!accepted) {
        finish_refused(hangup_after_reject());  // ORDER-3: no AcceptNewLink; HANGUP-3/4
        return r;
    }
    if (!options_.ip_before_accept && !get_addresses(*live)) {
        r.refused_by = "address assignment failed";
        finish_refused(true);
        return r;
    }
    // ORDER-3: the first link right after the accept.
    const LinkModel& first = live->model.links.front();  // model.links stays as it is until the erase below
    if (!admit_link(*live, first)) {
        r.refused_by = "first link refused";  // LINK-3: the connection does not come up
        link_hangup(*live, first, false);
        finish_refused(true);
        return r;
    }
    for (std::size_t k = 1; k < live->model.links.size(); ++k) {
        const LinkModel& extra = live->model.links[k];
        if (!admit_link(*live, extra)) link_hangup(*live, extra, false);
    }
    std::erase_if(live->model.links, [&](const LinkModel& l) {
        return std::find(live->up_links.begin(), live->up_links.end(), l.port_handle) == live->up_links.end();
    });
    r.admitted = true;
    return r;
}

bool Service::add_link(std::uint64_t connection, LinkModel link) {
    std::lock_guard lock(mutex_);
    Live* live = find(connection);
    if (!live) return false;
    if (!link.port_handle && !link.port_handle_given) link.port_handle = next_handle();
    if (link.port_handle_given && live_on_port(link.port_handle)) return false;  // as in connect()
    if (admit_link(*live, link)) {
        live->model.links.push_back(link);
        return true;
    }
    link_hangup(*live, link, false);
    return false;
}

void Service::drop_link(std::uint64_t connection, std::uint64_t port) {
    std::lock_guard lock(mutex_);
    Live* live = find(connection);
    if (!live) return;
    auto it = std::find_if(live->model.links.begin(), live->model.links.end(),
                           [&](const LinkModel& l) { return l.port_handle == port; });
    if (it == live->model.links.end()) return;
    LinkModel link = *it;
    live->model.links.erase(it);
    link_hangup(*live, link, true);
    if (live->model.links.empty()) hang_up_locked(connection, HangupCause::link_failure);  // the last link took it down
}

void Service::hang_up(std::uint64_t connection, HangupCause cause) {
    std::lock_guard lock(mutex_);
    hang_up_locked(connection, cause);
}

void Service::hang_up_locked(std::uint64_t connection, HangupCause cause) {
    Live* live = find(connection);
    if (!live) return;
    live->hangup_cause = to_string(cause);
    // ORDER-6: every link hang-up precedes the connection hang-up.
    while (!live->model.links.empty()) {
        LinkModel link = std::move(live->model.links.back());
        live->model.links.pop_back();
        link_hangup(*live, link, true);
    }
    // IPADDR-12, Q-10: Release after the connection hang-up by default, before it when switched.
    if (!options_.release_after_hangup) release_addresses(*live);
    connection_hangup(*live);
    live->hangup_cause = {};
    if (options_.release_after_hangup) release_addresses(*live);
    live_.erase(connection);
}

bool Service::reauthenticate(std::uint64_t connection, winabi::RAS_QUARANTINE_STATE state,
                             winabi::FILETIME probation_deadline) {
    std::lock_guard lock(mutex_);
    Live* live = find(connection);
    if (!live) return false;
    live->model.quarantine = state;
    live->model.probation_deadline = state == winabi::RAS_QUAR_STATE_PROBATION ? probation_deadline : winabi::FILETIME{};
    bool accepted = true;
    for (std::size_t i : live->asked) {
        if (!accepted && !options_.ask_every_dll) break;
        Bound& dll = chain_[i];
        // one of the two per DLL; Ex when its connection callouts are Ex.
        Callout c = dll.variant == Variant::ex && dll[Callout::AcceptReauthenticationEx]
                        ? Callout::AcceptReauthenticationEx
                        : Callout::AcceptReauthentication;
        if (!dll[c]) c = dll[Callout::AcceptReauthenticationEx] ? Callout::AcceptReauthenticationEx : c;
        if (options_.reauth_form && dll[*options_.reauth_form]) c = *options_.reauth_form;
        if (!dll[c]) continue;  // a DLL without either is not asked (EXPORT-3 is the static check's business)
        CallOutcome o = call_role(dll, c, *live, nullptr);
        if (!o.returned() || o.value == 0) accepted = false;
    }
    if (!accepted) hang_up_locked(connection, HangupCause::admin);  // REAUTH-5: refused reauthentication disconnects
    return accepted;
}

// mingw-w64 10's table has no endpoint-change slot (8) and no pre-auth slot
// (11), so a DLL built against it writes ReauthenticationEx into slot 8 and
// HangupNotificationEx into slot 9, leaving 10 empty. When the DLL also
// exports those functions, their addresses prove it.
// What the table says beyond its layout (EX-3, checked before): the
// revision against what it carries (EX-2), pairs the strict reading wants
// whole (EX-4, Q-4), and roles the table and the exports both supply with
// different functions (EX-7, Q-4: which one RRAS calls is undocumented).
void Service::check_table(const Bound& dll, unsigned revision, const std::array<std::uint64_t, 12>& slots) {
    const std::string& name = dll.backend->name();
    auto slot_of = [&](Callout c) { return slots[std::size_t(info(c).table_slot)]; };
    if (revision == winabi::MPRAPI_ADMIN_DLL_VERSION_1) {
        std::vector<std::string_view> ex;
        for (Callout c : {Callout::AcceptNewConnectionEx, Callout::AcceptReauthenticationEx,
                          Callout::ConnectionHangupNotificationEx})
            if (slot_of(c)) ex.push_back(info(c).name);
        if (!ex.empty())
            diagnostics_.push_back({name, "EX-2",
                                    fmt::format("the callback table says revision 1 (MPRAPI_ADMIN_DLL_VERSION_1: "
                                                "RAS_CONNECTION_EX not supported) but fills the RAS_CONNECTION_EX "
                                                "callbacks ({}), which RRAS then ignores; set revision 2",
                                                fmt::join(ex, ", "))});
    }
    for (auto [a, b] : {std::pair{Callout::AcceptNewLink, Callout::LinkHangupNotification},
                        std::pair{Callout::AcceptNewConnectionEx, Callout::ConnectionHangupNotificationEx}})
        if (bool(slot_of(a)) != bool(slot_of(b)))
            diagnostics_.push_back({name, "EX-4",
                                    fmt::format("the callback table has {} without {}: the table page accepts "
                                                "either, the export model wants both; fill both slots",
                                                info(slot_of(a) ? a : b).name, info(slot_of(a) ? b : a).name)});
    for (const CalloutInfo& i : callout_catalog()) {
        // HDR-2: on x86 the exported IPv6 release is __cdecl and the table's
        // __stdcall, so two functions are right there.
        if (i.table_slot < 0 || i.id == Callout::ReleaseIpv6AddressForUser) continue;
        const std::uint64_t in_table = slots[std::size_t(i.table_slot)];
        const auto exported = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(dll.backend->resolve(i.name)));
        if (in_table && exported && in_table != exported)
            diagnostics_.push_back({name, "EX-7",
                                    fmt::format("{} is exported and also in the callback table, as another function "
                                                "(0x{:x} vs 0x{:x}); which RRAS calls is undocumented (Q-4): put the "
                                                "exported function in the table",
                                                i.name, in_table, exported)});
    }
}

bool Service::filled_with_mingw_layout(const Bound& dll, const std::array<std::uint64_t, 12>& slots) const {
    if (slots[10] != 0 || slots[8] == 0) return false;
    auto exported = [&](Callout c) {
        return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(dll.backend->resolve(info(c).name)));
    };
    const std::uint64_t reauth = exported(Callout::AcceptReauthenticationEx);
    const std::uint64_t hangup = exported(Callout::ConnectionHangupNotificationEx);
    if ((reauth && slots[8] == reauth) || (hangup && slots[9] == hangup)) return true;
    // Without exports to compare: an Ex accept with no Ex hang-up but something
    // in the two slots after it is the shifted layout (EX-3 wants the pair).
    return slots[7] != 0 && slots[9] != 0;
}

Service::Bound& Service::ip_target(Bound& dll) { return dll.ip_instance ? *dll.ip_instance : dll; }

void Service::terminate(Bound& dll) {
    terminate_instance(dll);
    if (dll.ip_instance) terminate_instance(*dll.ip_instance);
}

void Service::terminate_instance(Bound& dll) {
    if (!dll.initialized) return;
    dll.initialized = false;
    void* fn = dll[Callout::TerminateDll] ? dll[Callout::TerminateDll] : dll.backend->resolve(info(Callout::TerminateDll).name);
    if (!fn) return;
    CallOutcome o = call(dll, Callout::TerminateDll, fn, {}, 0, 0, {});
    if (o.returned() && o.value != winabi::NO_ERROR)  // TERM-2, Q-21: logged, otherwise ignored
        diagnostics_.push_back({dll.backend->name(), "TERM-2",
                                fmt::format("MprAdminTerminateDll returned {}", o.value)});
}

void Service::stop() {
    std::lock_guard lock(mutex_);
    stop_locked();
}

void Service::stop_locked() {
    if (!running_) return;
    // TERM-4, Q-7: every live connection goes the normal way first, or (the
    // other answer) the service ends under them, with no hang-up or release.
    if (options_.hang_up_live_at_stop)
        while (!live_.empty()) hang_up_locked(live_.rbegin()->first, HangupCause::service_stop);
    else
        live_.clear();
    // TERM-3, Q-7: registry order by default, reverse when switched.
    if (options_.terminate_in_reverse)
        for (auto it = chain_.rbegin(); it != chain_.rend(); ++it) terminate(*it);
    else
        for (Bound& dll : chain_) terminate(dll);
    running_ = false;
}

}  // namespace rasconform::mock
