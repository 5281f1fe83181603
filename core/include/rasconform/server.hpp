// Public API: a mock RRAS server driving a chain of admin DLLs, scripted
// connection by connection, and its callout trace.
//
//   rasconform::Server server("ws2022", {"my_admin.so"});   // or my_admin.dll in a MinGW/Windows build
//   rasconform::Connection alice = server.connect("alice");
//   server.add_link(alice);
//   server.hang_up(alice);
//   server.stop();
//   for (const rasconform::TraceEvent& e : server.trace()) ...
//
// A thin facade over rasconform::mock::Service (mock/service.hpp), which
// service() exposes for anything not covered here. Which DLLs can be opened
// by path depends on the build: Windows (MinGW) builds load PE DLLs through
// the Win32 backend (fault guard, callout budget); Linux builds load Linux
// shared objects exporting the callout names (dlopen). Any other kind of
// DLL, or a test double, comes in as an AdminDllBackend.
//
// Not thread-safe as a whole: script one Server from one thread. Unlike the
// conformance suite, a Server loads each DLL once (no second instance for the
// IP address callouts, PROC-1) and in the calling process.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mock/service.hpp"
#include "rasconform/backend.hpp"
#include "rasconform/connection.hpp"
#include "rasconform/profile.hpp"
#include "rasconform/trace.hpp"
#include "rasconform/trace_checker.hpp"

namespace rasconform {

// An unknown profile, or a DLL that cannot be loaded; what() names it.
class ServerError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ServerOptions {
    // The engine's answers to the spec's open questions (mock/service.hpp);
    // `engine.profile` is replaced by the profile the Server is opened on.
    mock::Options engine;
    // ROBUST-2: a callout running longer is cut off (Windows builds; the
    // Linux shared-object backend calls directly and has no budget).
    std::chrono::milliseconds callout_budget{2000};
};

// What connect() returns: the handle the DLLs saw (hConnection) and whether
// the chain admitted it. Pass it to the other operations.
struct Connection {
    std::uint64_t handle = 0;
    bool admitted = false;
    std::string refused_by;  // "x.dll: MprAdminAcceptNewConnectionEx returned FALSE" when refused
    explicit operator bool() const { return admitted; }
};

class Server {
public:
    // Loads `dlls` in registry order (LOAD-5) on profile `profile` ("ws2022",
    // see rasconform::profiles()). Throws ServerError on an unknown profile
    // or a DLL that does not load. The service starts on the first
    // operation that needs it, or with start().
    Server(std::string_view profile, const std::vector<std::filesystem::path>& dlls, ServerOptions options = {});
    // The same with backends the caller owns and keeps alive longer than the Server.
    Server(std::string_view profile, std::vector<AdminDllBackend*> chain, ServerOptions options = {});
    // The same with backends the Server takes over.
    Server(std::string_view profile, std::vector<std::unique_ptr<AdminDllBackend>> chain, ServerOptions options = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Export validation, then Init in registry order. Returns the engine's
    // answer; a refusal (a required export missing) names the rules.
    // Calling it on a running service does nothing and reports it started.
    mock::StartResult start();
    bool running() const;

    // A user connects with one link (Get IP, accept, first link: ORDER-7).
    // The other fields keep ConnectionModel's defaults. Starts the service
    // if needed; throws ServerError when it does not start.
    Connection connect(std::string_view user);
    Connection connect(ConnectionModel model);
    // Another link joins an admitted connection (ORDER-4): its port handle,
    // or nothing when the chain refused it (the link then is gone).
    std::optional<std::uint64_t> add_link(const Connection& c, LinkModel link = {});
    // One link goes down (ORDER-5); the last one takes the connection with it.
    void drop_link(const Connection& c, std::uint64_t port);
    // The port handles of a live connection's links, in the order they joined.
    std::vector<std::uint64_t> links(const Connection& c) const;
    // The NAP state changes (REAUTH-1); returns whether the connection stays up.
    bool reauthenticate(const Connection& c, winabi::RAS_QUARANTINE_STATE state,
                        winabi::FILETIME probation_deadline = {});
    // The client hangs up (or another cause): link hang-ups, connection
    // hang-up, address release (ORDER-6).
    void hang_up(const Connection& c, HangupCause cause = HangupCause::user);
    // An administrator disconnects it (MprAdminConnectionRemove/PortDisconnect).
    void admin_disconnect(const Connection& c) { hang_up(c, HangupCause::admin); }
    // The service stops: live connections are torn down, then Terminate in
    // registry order (TERM-4). start() may follow (a restart).
    void stop();

    // Every callout made so far, in start order.
    const Trace& trace() const;
    // What the engine noticed about the DLLs (not faults): unwritten [out] values and the like.
    const std::vector<mock::Diagnostic>& diagnostics() const;
    // The engine's own obligations checked on the trace (ORDER, SERIAL,
    // HANGUP, VARIANT, MULTI, IPADDR rules): empty for a faithful run.
    std::vector<TraceViolation> check_engine() const;
    // The DLL names of the chain as they appear in the trace (TraceEvent::dll).
    std::vector<std::string> dll_names() const;
    const Profile& profile() const;

    mock::Service& service();

private:
    void ensure_started();
    std::vector<std::unique_ptr<AdminDllBackend>> owned_;
    std::vector<AdminDllBackend*> chain_;
    const Profile* profile_ = nullptr;
    mock::Options engine_options_;
    std::unique_ptr<mock::Service> service_;
};

}  // namespace rasconform
