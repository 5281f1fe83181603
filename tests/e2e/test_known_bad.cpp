// End to end: the Linux `rasconform check` on MinGW-built DLLs, with the
// dynamic cases run by the agent under Wine. Each known-bad subject breaks
// one rule; the test asserts the verdict, the exit status, exactly which
// cases fail and the rule they cite. The good subjects (including one that
// rejects every user) must pass everything.
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "e2e_scratch.hpp"

#include "conformance/known_bad.hpp"
#include "mock/scenario_player.hpp"
#include "mock/shared_object_admin_dll.hpp"
#include "rasconform/scenario.hpp"

namespace fs = std::filesystem;
using rasconform::test::env;
using rasconform::test::quote;
using rasconform::test::RemoveScratch;
using rasconform::test::scratch;

namespace {

struct Run {
    int exit_status = -1;
    nlohmann::json report;
    std::string stderr_text;
};

// `environment` is prefixed to the command: "PATH=/x " runs without Wine on PATH.
Run run_cli(const std::string& args, bool json = true, const std::string& environment = "") {
    static std::atomic<int> n = 0;
    fs::path out = scratch() / ("report" + std::to_string(++n) + ".json");
    fs::path err = scratch() / ("stderr" + std::to_string(n) + ".txt");
    std::string cmd = environment + quote(env("RASCONFORM_EXE")) + " " + args;
    if (json) cmd += " --format json --output " + quote(out.string());
    cmd += " 2>" + quote(err.string());
    if (json) cmd += " >/dev/null";
    int status = std::system(cmd.c_str());
    Run r;
    r.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(out);
    if (in) r.report = nlohmann::json::parse(in, nullptr, false);
    std::ifstream e(err);
    r.stderr_text.assign(std::istreambuf_iterator<char>(e), std::istreambuf_iterator<char>());
    return r;
}

// One run per subject and arguments: the matrix test and the tests that look
// closer at a subject's messages share it (each run is seconds of Wine). The
// first caller runs it; callers at the same time wait for that run.
Run check(const fs::path& dll, const std::string& extra = "") {
    static std::mutex mutex;
    static std::map<std::string, std::shared_future<Run>> runs;
    const std::string args = "check " + quote(dll.string()) + " " + extra;
    std::shared_future<Run> run;
    {
        std::lock_guard<std::mutex> lock(mutex);
        auto it = runs.find(args);
        if (it == runs.end())
            it = runs.emplace(args, std::async(std::launch::deferred, [args] { return run_cli(args); }).share()).first;
        run = it->second;
    }
    return run.get();
}

// Runs checks two at a time in the background while the caller goes through
// them in order: the suite is mostly waiting for Wine, and this keeps the
// machine's second core busy when no other test is running.
class Prefetch {
public:
    explicit Prefetch(std::vector<std::pair<fs::path, std::string>> runs) : runs_(std::move(runs)) {
        for (int i = 0; i < 2; ++i)
            workers_.emplace_back([this] {
                for (std::size_t k; (k = next_++) < runs_.size();) check(runs_[k].first, runs_[k].second);
            });
    }
    ~Prefetch() {
        next_ = runs_.size();
        for (std::thread& t : workers_) t.join();
    }

private:
    std::vector<std::pair<fs::path, std::string>> runs_;
    std::atomic<std::size_t> next_ = 0;
    std::vector<std::thread> workers_;
};

std::set<std::string> with_status(const nlohmann::json& report, const std::string& status) {
    std::set<std::string> ids;
    for (const auto& c : report.at("cases"))
        if (c.at("status") == status) ids.insert(c.at("id").get<std::string>());
    return ids;
}

// "id: message" of every case with `status`, for a test's message.
std::string listed(const nlohmann::json& report, const std::string& status) {
    std::string out;
    for (const auto& c : report.at("cases"))
        if (c.at("status") == status)
            out += "\n  " + c.at("id").get<std::string>() + ": " + c.at("message").get<std::string>();
    return out;
}
std::string failures(const nlohmann::json& report) { return listed(report, "fail"); }

const nlohmann::json& case_of(const nlohmann::json& report, const std::string& id) {
    for (const auto& c : report.at("cases"))
        if (c.at("id") == id) return c;
    throw std::runtime_error("no case " + id);
}

fs::path win_subject(const std::string& name) { return fs::path(env("RASCONFORM_WIN_SUBJECTS")) / name; }

// Fails exactly the cases of `failing`, each citing its rule; nothing else
// fails. Returns the run for further checks.
Run expect_fails_at(const fs::path& dll, const std::map<std::string, std::string>& failing,
                    const std::string& extra = "") {
    Run r = check(dll, extra);
    BOOST_TEST_CONTEXT(dll.filename().string() << "\n" << r.stderr_text) {
        BOOST_REQUIRE(r.report.is_object());
        BOOST_TEST(r.exit_status == 1);
        BOOST_TEST(r.report.at("verdict") == "fail");
        std::set<std::string> ids;
        for (const auto& [id, rule] : failing) ids.insert(id);
        BOOST_TEST((with_status(r.report, "fail") == ids), "failed: " << failures(r.report));
        for (const auto& [id, rule] : failing) {
            const auto& c = case_of(r.report, id);
            auto rules = c.at("rules").get<std::vector<std::string>>();
            bool cites = std::find(rules.begin(), rules.end(), rule) != rules.end() ||
                         c.at("message").get<std::string>().find("[" + rule + "]") != std::string::npos;
            BOOST_TEST(cites, id << " does not cite " << rule << ": " << c.at("message"));
        }
    }
    return r;
}

Run expect_fails(const std::string& dll, const std::map<std::string, std::string>& failing,
                 const std::string& extra = "") {
    return expect_fails_at(win_subject(dll), failing, extra);
}

void expect_passes(const fs::path& dll, const std::string& extra = "") {
    Run r = check(dll, extra);
    BOOST_TEST_CONTEXT(dll << " " << extra << "\n" << r.stderr_text) {
        BOOST_REQUIRE(r.report.is_object());
        BOOST_TEST(r.exit_status == 0);
        BOOST_TEST(r.report.at("verdict") == "pass");
        BOOST_TEST(with_status(r.report, "fail").empty());
        BOOST_TEST(with_status(r.report, "error").empty(), "in error:" << listed(r.report, "error"));
        BOOST_TEST(r.report.at("schema") == 1);
        BOOST_TEST(r.report.at("subjects").at(0).at("machine").get<std::string>().size() > 0);
        BOOST_TEST(r.report.at("subjects").at(0).at("sha256").get<std::string>().size() == 64u);
    }
}

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(RemoveScratch);

BOOST_AUTO_TEST_SUITE(known_bad)

// The mutation-kill matrix (tests/subjects/known_bad.toml, the same data
// `rasconform list --coverage` shows): each known-bad subject fails exactly
// its cases, each citing its rule, and gives its warnings.
BOOST_AUTO_TEST_CASE(mutation_kill_matrix) {
    std::ifstream in(env("RASCONFORM_KNOWN_BAD"));
    BOOST_REQUIRE_MESSAGE(in, "RASCONFORM_KNOWN_BAD not readable");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto matrix = rasconform::conformance::parse_known_bad(text, env("RASCONFORM_KNOWN_BAD"));
    BOOST_TEST(matrix.size() >= 35u);
    auto path_of = [&](const rasconform::conformance::KnownBadSubject& k) { return win_subject(k.dll); };
    // 32-bit subjects run in the i686 suite, alone (their hosts may run
    // under qemu's emulation, which a busy machine slows to time-outs).
    auto runnable = [&](const rasconform::conformance::KnownBadSubject& k) { return k.machine != "i686"; };
    std::vector<std::pair<fs::path, std::string>> runs;
    for (const auto& subject : matrix)
        if (runnable(subject)) runs.emplace_back(path_of(subject), subject.check_args);
    Prefetch ahead(std::move(runs));
    for (const auto& subject : matrix) {
        if (!runnable(subject)) continue;
        BOOST_TEST_CONTEXT(subject.dll << " (" << subject.bug << ")") {
            Run r = subject.fails.empty() ? check(path_of(subject), subject.check_args)
                                          : expect_fails_at(path_of(subject), subject.fails, subject.check_args);
            if (!r.report.is_object()) continue;
            if (subject.fails.empty()) BOOST_TEST(with_status(r.report, "fail").empty());
            for (const auto& [id, rule] : subject.warns) {
                const auto& c = case_of(r.report, id);
                BOOST_TEST(c.at("status") == "warning", id << ": " << c.at("message"));
                BOOST_TEST(c.at("message").get<std::string>().find("[" + rule + "]") != std::string::npos,
                           id << " does not cite " << rule << ": " << c.at("message"));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(reference_dll_passes) {
    expect_passes(env("RASCONFORM_EXAMPLE_DLL"));
    Run r = check(env("RASCONFORM_EXAMPLE_DLL"));
    // Dynamic cases really ran under Wine: their traces are there.
    BOOST_TEST(case_of(r.report, "lifecycle.accepted-connection").at("trace").size() >= 6u);
}

// Windows 2000 Server had RRAS for x86 only: the x86_64 reference DLL fails
// deploy.machine there (LOAD-7) and meets every other case.
BOOST_AUTO_TEST_CASE(reference_dll_on_windows_2000) {
    Run r = check(env("RASCONFORM_EXAMPLE_DLL"), "--profile w2000");
    BOOST_TEST(r.exit_status == 1, r.stderr_text);
    BOOST_TEST(with_status(r.report, "fail") == std::set<std::string>{"deploy.machine"},
               boost::test_tools::per_element());
    BOOST_TEST(with_status(r.report, "error").empty(), "in error:" << listed(r.report, "error"));
    BOOST_TEST(case_of(r.report, "lifecycle.hangup-after-reject").at("status") == "not-applicable");  // HANGUP-3
    bool used_variant_2 = false;
    for (const auto& e : case_of(r.report, "lifecycle.accepted-connection").at("trace"))
        used_variant_2 |= e.at("callout") == "MprAdminAcceptNewConnection2";
    BOOST_TEST(used_variant_2);  // VARIANT-2: nothing newer than Windows 2000
}

BOOST_AUTO_TEST_CASE(fresh_wine_prefix_is_created_on_first_use) {
    fs::path prefix = scratch() / "fresh-prefix";
    Run r = check(env("RASCONFORM_EXAMPLE_DLL"), "--wine-prefix " + quote(prefix.string()));
    BOOST_TEST(r.exit_status == 0, r.stderr_text);
    BOOST_TEST(fs::exists(prefix / ".rasconform-ready"));
    BOOST_TEST(fs::exists(prefix / "drive_c"));
    // Reused on the next run; nothing Wine started may hold rasconform's lock.
    Run again = check(env("RASCONFORM_EXAMPLE_DLL"), "--wine-prefix " + quote(prefix.string()));
    BOOST_TEST(again.exit_status == 0, again.stderr_text);
    std::system(("WINEPREFIX=" + quote(prefix.string()) + " wineserver -k 2>/dev/null").c_str());
}

BOOST_AUTO_TEST_CASE(good_full_passes) { expect_passes(win_subject("good_full.dll")); }

BOOST_AUTO_TEST_CASE(callback_table_done_right_passes) { expect_passes(win_subject("good_table.dll")); }

// IPV6-1/IPV6-2: an IPv6 pair that allocates an address when given none.
BOOST_AUTO_TEST_CASE(ipv6_addresses_done_right_passes) { expect_passes(win_subject("good_ipv6.dll")); }

// REAUTH-2: a reauthentication callout that accepts, and calls nothing back.
BOOST_AUTO_TEST_CASE(reauthentication_done_right_passes) {
    expect_passes(win_subject("good_reauth.dll"));
    expect_passes(win_subject("good_reauth_both.dll"));  // Q-25: the same answer from either form
}

BOOST_AUTO_TEST_CASE(rejecting_is_policy_not_a_bug) { expect_passes(win_subject("good_rejecter.dll")); }

BOOST_AUTO_TEST_CASE(missing_link_hangup) {
    expect_fails("bad_missing_link_hangup.dll", {{"export.required", "EXPORT-1"}});
    Run r = check(win_subject("bad_missing_link_hangup.dll"));
    // The service cannot start, so the dynamic cases say why instead of guessing.
    BOOST_TEST(case_of(r.report, "lifecycle.init-terminate").at("status") == "error");
}


BOOST_AUTO_TEST_CASE(ip_half_pair) {
    expect_fails("bad_ip_half_pair.dll", {{"export.ip-pairs", "EXPORT-5"}});
    Run r = check(win_subject("bad_ip_half_pair.dll"));
    BOOST_TEST(with_status(r.report, "error").empty());  // lenient engine: the orphan is ignored (Q-5)
}



BOOST_AUTO_TEST_CASE(relies_on_wrong_hangup_order) {  // the matrix asserts what fails
    Run r = check(win_subject("bad_order.dll"));
    std::string msg = case_of(r.report, "lifecycle.accepted-connection").at("message");
    BOOST_TEST(msg.find("MprAdminConnectionHangupNotification2") != std::string::npos, msg);
    BOOST_TEST(msg.find("0xC0000005") != std::string::npos, msg);
    BOOST_TEST(msg.find("bad_order.dll+0x") != std::string::npos, msg);
}


BOOST_AUTO_TEST_CASE(cxx_exception_escapes) {
    expect_fails("bad_throws.dll", {{"robust.no-fault", "ROBUST-1"}});
    Run r = check(win_subject("bad_throws.dll"));
    std::string msg = case_of(r.report, "robust.no-fault").at("message");
    BOOST_TEST(msg.find("second link not supported") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(callback_table_in_mingw_layout) {  // EX-3
    expect_fails("bad_mingw_table.dll", {{"ex.callback-table", "EX-3"}});
    Run r = check(win_subject("bad_mingw_table.dll"));
    std::string msg = case_of(r.report, "ex.callback-table").at("message");
    BOOST_TEST(msg.find("11-slot") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(dependency_not_shipped_beside_the_dll) {  // LOAD-7
    expect_fails("bad_missing_dependency.dll", {{"deploy.dependencies", "LOAD-7"}});
    Run r = check(win_subject("bad_missing_dependency.dll"));
    std::string msg = case_of(r.report, "deploy.dependencies").at("message");
    BOOST_TEST(msg.find("vendor_helper.dll") != std::string::npos, msg);
    // The loader agrees: the dynamic cases could not load it and say why.
    std::string load = case_of(r.report, "lifecycle.init-terminate").at("message");
    BOOST_TEST(load.find("error 126") != std::string::npos, load);
}

BOOST_AUTO_TEST_CASE(hanging_init_is_cut_off_at_the_budget) {  // ROBUST-2, --timeout-ms
    Run r = check(win_subject("bad_hangs.dll"), "--timeout-ms 300");
    BOOST_TEST(r.exit_status == 1, r.stderr_text);
    BOOST_TEST(with_status(r.report, "fail") == (std::set<std::string>{"lifecycle.init-terminate", "robust.no-fault"}),
               boost::test_tools::per_element());
    std::string msg = case_of(r.report, "robust.no-fault").at("message");
    BOOST_TEST(msg.find("no return within 300 ms") != std::string::npos, msg);
    BOOST_TEST(msg.find("[ROBUST-2]") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(exit_inside_a_callout_without_host_processes) {  // ROBUST-1
    // In-process, exit() ends the agent: one agent per case then, each with a
    // flight recorder, fails exactly the cases whose process ended (every
    // case that adds a second link), each with the cause.
    Run r = check(win_subject("bad_exits.dll"), "--isolate none");
    BOOST_TEST(with_status(r.report, "fail") ==
                   (std::set<std::string>{"variant.same-answers", "options.address-before-or-after-accept",
                                          "options.release-before-or-after-hangup", "options.release-after-refusal",
                                          "options.short-circuit", "options.hangup-after-refusal",
                                          "options.obsolete-protocol-results", "options.calling-thread", "options.hangups-at-shutdown", "reentry.no-admin-calls",
                                          "robust.inputs-read-only", "robust.no-kept-pointers",
                                          "serial.overlapping-callouts", "robust.edge-inputs", "answers.boolean", "robust.no-blocking-calls", "robust.no-fault"}),
               boost::test_tools::per_element());
    std::string msg = case_of(r.report, "robust.no-fault").at("message");
    BOOST_TEST(msg.find("ended during bad_exits.dll: MprAdminAcceptNewLink (exit status 3)") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(every_fault_kind_is_contained_and_attributed) {  // ROBUST-1
    struct Hostile {
        std::string dll;
        std::vector<std::string> message;  // fragments of robust.no-fault's message
    };
    const std::vector<Hostile> hostile{
        {"bad_fault_access.dll", {"access violation (0xC0000005) at bad_fault_access.dll+0x", "(MprAdminAcceptNewLink+0x"}},
        {"bad_fault_divide.dll", {"integer divide by zero (0xC0000094) at bad_fault_divide.dll+0x"}},
        {"bad_fault_stack.dll", {"stack overflow (0xC00000FD) at bad_fault_stack.dll+0x", "(recurse+0x"}},
        {"bad_fault_raise.dll", {"(0xE0424144) at bad_fault_raise.dll+0x", ", via kernelbase.dll+0x"}},
        {"bad_fault_exit_thread.dll", {"ended the thread it was called on (ExitThread, exit code 5)"}},
        {"bad_fault_abort.dll", {"the host process ended during the call (exit status 3: abort()"}},
        {"bad_fault_terminate.dll", {"the host process ended during the call (exit status 7: "}},
        {"bad_exits.dll", {"the host process ended during the call (exit status 3"}},
    };
    const std::size_t case_count = check(env("RASCONFORM_EXAMPLE_DLL")).report.at("cases").size();
    for (const Hostile& h : hostile) {
        BOOST_TEST_CONTEXT(h.dll) {
            Run r = expect_fails(h.dll, {{"robust.no-fault", "ROBUST-1"}});
            if (!r.report.is_object()) continue;
            BOOST_TEST(r.report.at("cases").size() == case_count);  // the run finished
            BOOST_TEST(with_status(r.report, "error").empty(), "in error:" << listed(r.report, "error"));
            const std::string msg = case_of(r.report, "robust.no-fault").at("message");
            BOOST_TEST(msg.find("MprAdminAcceptNewLink (connection 0x") != std::string::npos, msg);
            for (const std::string& fragment : h.message) BOOST_TEST(msg.find(fragment) != std::string::npos, msg);
        }
    }
}

BOOST_AUTO_TEST_CASE(reference_dll_passes_in_every_isolation_mode) {
    const std::vector<std::string> modes{"--isolate none", "--isolate chain", "--isolate case", "--no-isolate"};
    std::vector<std::pair<fs::path, std::string>> runs;
    for (const std::string& mode : modes) runs.emplace_back(env("RASCONFORM_EXAMPLE_DLL"), mode);
    Prefetch ahead(std::move(runs));
    for (const std::string& mode : modes) expect_passes(env("RASCONFORM_EXAMPLE_DLL"), mode);
}

BOOST_AUTO_TEST_CASE(contained_fault_in_process_mode) {
    // In-process, the guard alone contains it: same verdict as with hosts.
    Run r = check(win_subject("bad_fault_divide.dll"), "--isolate none");
    BOOST_TEST(with_status(r.report, "fail") == (std::set<std::string>{"robust.no-fault"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(process_end_in_process_mode_falls_back_to_one_agent_per_case) {
    Run r = check(win_subject("bad_fault_terminate.dll"), "--isolate none");
    BOOST_TEST(r.exit_status == 1, r.stderr_text);
    const std::string msg = case_of(r.report, "robust.no-fault").at("message");
    BOOST_TEST(msg.find("ended during bad_fault_terminate.dll: MprAdminAcceptNewLink (exit status 7)") !=
                   std::string::npos,
               msg);
}

BOOST_AUTO_TEST_CASE(answers_depend_on_the_variant) {  // VARIANT-3, Q-3
    Run r = expect_fails("bad_variant_policy.dll", {{"variant.same-answers", "VARIANT-3"}});
    const std::string msg = case_of(r.report, "variant.same-answers").at("message");
    BOOST_TEST(msg.find("variant 1: guest: admitted but variant 2: guest: refused") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(slow_callouts_draw_a_warning_not_a_failure) {  // SERIAL-6, Q-23
    Run r = check(win_subject("warn_slow_init.dll"));
    BOOST_TEST(r.exit_status == 0, r.stderr_text);  // warnings do not fail the verdict
    BOOST_TEST(with_status(r.report, "fail").empty());
    BOOST_TEST(with_status(r.report, "warning") ==
                   (std::set<std::string>{"robust.prompt-callouts", "export.reauthentication"}),
               boost::test_tools::per_element());
    const std::string msg = case_of(r.report, "robust.prompt-callouts").at("message");
    BOOST_TEST(msg.find("the slowest, MprAdminInitializeDll") != std::string::npos, msg);
    // With a budget it fits, no warning.
    Run relaxed = check(win_subject("warn_slow_init.dll"), "--slow-ms 5000");
    BOOST_TEST(case_of(relaxed.report, "robust.prompt-callouts").at("status") == "pass");
}


BOOST_AUTO_TEST_CASE(admin_call_blocks_in_faithful_mode) {  // REENTRY-1 as RRAS does it: no return
    const char* modes[] = {"--isolate chain", "--isolate none"};
    std::vector<std::pair<fs::path, std::string>> runs;
    for (const char* mode : modes)
        runs.emplace_back(win_subject("bad_reentry.dll"), std::string("--reentry-faithful --timeout-ms 300 ") + mode);
    Prefetch ahead(std::move(runs));  // both at once: mostly waiting out hangs
    for (const char* mode : modes) {
        Run r = check(win_subject("bad_reentry.dll"), std::string("--reentry-faithful --timeout-ms 300 ") + mode);
        BOOST_TEST_CONTEXT(mode << "\n" << r.stderr_text) {
            BOOST_TEST(r.exit_status == 1);
            // The hung DLL cannot be unloaded or soaked afterwards: those cases may say error, with why.
            BOOST_TEST(case_of(r.report, "robust.no-fault").at("status") == "fail");
            const std::string msg = case_of(r.report, "robust.no-fault").at("message");
            BOOST_TEST(msg.find("MprAdminLinkHangupNotification (connection 0x") != std::string::npos, msg);
            BOOST_TEST(msg.find("no return within 300 ms") != std::string::npos, msg);
            BOOST_TEST(msg.find("it was blocked in MprAdminPortDisconnect") != std::string::npos, msg);
            BOOST_TEST(case_of(r.report, "reentry.no-admin-calls").at("status") == "fail");
        }
    }
}

BOOST_AUTO_TEST_CASE(admin_call_from_a_callout) {
    expect_fails("bad_reentry.dll", {{"reentry.no-admin-calls", "REENTRY-1"}});
    Run r = check(win_subject("bad_reentry.dll"));
    std::string msg = case_of(r.report, "reentry.no-admin-calls").at("message");
    BOOST_TEST(msg.find("MprAdminPortDisconnect from MprAdminLinkHangupNotification") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(writes_into_an_in_structure) {  // ACCEPT-5
    expect_fails("bad_writes_input.dll", {{"robust.inputs-read-only", "ACCEPT-5"}});
    Run r = check(win_subject("bad_writes_input.dll"));
    std::string msg = case_of(r.report, "robust.inputs-read-only").at("message");
    BOOST_TEST(msg.find("bad_writes_input.dll: MprAdminAcceptNewConnection2 (connection 0x") != std::string::npos, msg);
    BOOST_TEST(msg.find("wrote RAS_CONNECTION_0.wszUserName") != std::string::npos, msg);
    // The write shows in the trace, which crosses from the agent as JSON.
    bool in_trace = false;
    for (const auto& e : case_of(r.report, "robust.inputs-read-only").at("trace"))
        if (e.contains("input_writes"))
            in_trace |= e.at("input_writes").at(0) == "RAS_CONNECTION_0.wszUserName";
    BOOST_TEST(in_trace);
}

BOOST_AUTO_TEST_CASE(keeps_a_pointer_past_the_call) {  // ROBUST-5, STRUCT-18
    // The hang-up reads the accept's user name: every hang-up of an accepted
    // connection faults, in each case that makes one.
    expect_fails("bad_keeps_pointer.dll", {{"robust.no-kept-pointers", "ROBUST-5"},
                                           {"lifecycle.accepted-connection", "ROBUST-5"},
                                           {"lifecycle.hangup-after-reject", "ROBUST-5"},
                                           {"robust.no-fault", "ROBUST-1"}});
    Run r = check(win_subject("bad_keeps_pointer.dll"));
    std::string msg = case_of(r.report, "robust.no-kept-pointers").at("message");
    BOOST_TEST(msg.find("bad_keeps_pointer.dll: MprAdminConnectionHangupNotification2 (connection 0x") !=
                   std::string::npos,
               msg);
    BOOST_TEST(msg.find("read of RAS_CONNECTION_0.wszUserName passed to bad_keeps_pointer.dll's "
                        "MprAdminAcceptNewConnection2 (call #") != std::string::npos,
               msg);
    BOOST_TEST(msg.find("after that call returned [ROBUST-5]") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(keeps_a_pointer_for_its_own_thread) {  // ROBUST-5 outside any callout
    // The DLL's thread faults where nothing can contain it: the host process
    // ends, the next call of the cases whose connections it read reports
    // that, and the host's flight recorder names the kept pointer.
    Run r = expect_fails("bad_keeps_pointer_thread.dll", {{"lifecycle.accepted-connection", "ROBUST-1"},
                                                          {"lifecycle.hangup-after-reject", "ROBUST-1"},
                                                          {"robust.no-kept-pointers", "ROBUST-5"},
                                                          {"robust.no-fault", "ROBUST-1"}});
    std::string msg = case_of(r.report, "robust.no-kept-pointers").at("message");
    BOOST_TEST(msg.find("did not return: the host process ended during the call (exit status 0xC0000005") !=
                   std::string::npos,
               msg);
    BOOST_TEST(msg.find("read of RAS_CONNECTION_0.wszUserName passed to bad_keeps_pointer_thread.dll's "
                        "MprAdminAcceptNewConnection") != std::string::npos,
               msg);
    BOOST_TEST(case_of(r.report, "lifecycle.init-terminate").at("status") == "pass");
}

BOOST_AUTO_TEST_CASE(leaves_notify_release_unwritten) {  // IPADDR-3
    expect_fails("bad_notify_unwritten.dll", {{"ipaddr.notify-release-written", "IPADDR-3"}});
    Run r = check(win_subject("bad_notify_unwritten.dll"));
    std::string msg = case_of(r.report, "ipaddr.notify-release-written").at("message");
    BOOST_TEST(msg.find("MprAdminGetIpAddressForUser (connection 0x") != std::string::npos, msg);
    BOOST_TEST(msg.find("left *bNotifyRelease unwritten: expected TRUE or FALSE") != std::string::npos, msg);
    BOOST_TEST(msg.find("0xCCCCCCCC") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(thread_and_timer_stopped_in_terminate_pass) {  // ROBUST-3, the correct way
    expect_passes(win_subject("good_housekeeping.dll"));
}

BOOST_AUTO_TEST_CASE(thread_left_running_after_unload) {  // ROBUST-3
    Run r = expect_fails("bad_thread_left_running.dll", {{"robust.clean-unload", "ROBUST-3"}});
    std::string msg = case_of(r.report, "robust.clean-unload").at("message");
    BOOST_TEST(msg.find("after MprAdminTerminateDll returned and the DLL was freed") != std::string::npos, msg);
    BOOST_TEST(msg.find("executed unloaded code at bad_thread_left_running.dll+0x") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(timer_left_running_after_unload) {  // ROBUST-3
    Run r = expect_fails("bad_timer_left_running.dll", {{"robust.clean-unload", "ROBUST-3"}});
    std::string msg = case_of(r.report, "robust.clean-unload").at("message");
    BOOST_TEST(msg.find("unloaded code at bad_timer_left_running.dll+0x") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(leaks_memory_per_connection) {  // ROBUST-4
    Run r = expect_fails("bad_leaks_memory.dll", {{"robust.bounded-resources", "ROBUST-4"}});
    std::string msg = case_of(r.report, "robust.bounded-resources").at("message");
    BOOST_TEST(msg.find("private bytes +") != std::string::npos, msg);
    BOOST_TEST(msg.find(" B per connection between 100 and 1,000 connections") != std::string::npos, msg);
    BOOST_TEST(msg.find("handles +") == std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(leaks_a_handle_per_connection) {  // ROBUST-4
    Run r = expect_fails("bad_leaks_handle.dll", {{"robust.bounded-resources", "ROBUST-4"}});
    std::string msg = case_of(r.report, "robust.bounded-resources").at("message");
    BOOST_TEST(msg.find("handles +1.00 per connection between 100 and 1,000 connections") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(unload_and_soak_in_every_isolation_mode) {  // ROBUST-3, ROBUST-4
    // One at a time: the in-process runs of a DLL that leaves a thread behind
    // at every unload are the ones most sensitive to a loaded machine.
    for (const char* mode : {"--isolate none", "--isolate case", "--no-isolate"}) {
        BOOST_TEST_CONTEXT(mode) {
            Run t = check(win_subject("bad_thread_left_running.dll"), mode);
            BOOST_TEST((with_status(t.report, "fail") == std::set<std::string>{"robust.clean-unload"}),
                       "failed: " << failures(t.report));
            Run h = check(win_subject("bad_leaks_handle.dll"), mode);
            BOOST_TEST((with_status(h.report, "fail") == std::set<std::string>{"robust.bounded-resources"}),
                       "failed: " << failures(h.report));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// 32-bit DLLs: the i686 agent under Wine's 32-bit loader, in the same prefix.
// Windows Server 2008 is the last RRAS with an x86 edition (and it has the
// IPv6 callouts), so the runs name that profile.
BOOST_AUTO_TEST_SUITE(i686)

fs::path win32_subject(const std::string& name) { return fs::path(env("RASCONFORM_WIN32_SUBJECTS")) / name; }

// Where 32-bit Wine runs under qemu user emulation (a kernel without IA-32
// emulation; rasconform reads the binfmt_misc registration, as this does),
// faults arrive without their address, so the guard-page cases are `error`,
// and a host that ends or stops answering with no sign of the DLL's code is
// `error` too, not counted against the DLL (win32/fault_reporting.hpp). Each
// says so. Nowhere else.
bool i386_emulated() {
    std::ifstream registration("/proc/sys/fs/binfmt_misc/qemu-i386");
    std::string first;
    std::getline(registration, first);
    return first == "enabled";
}

bool unprovable_under_emulation(const nlohmann::json& c) {
    if (!i386_emulated() || c.at("status") != "error") return false;
    const std::string message = c.at("message");
    return message.find("qemu") != std::string::npos;
}

// The failures of a known-bad 32-bit subject: exactly `failing`, each
// citing its rule; under the emulation a case the harness lost is `error`
// (saying so), never a failure.
Run expect_fails_32bit(const fs::path& dll, const std::map<std::string, std::string>& failing,
                       const std::string& extra) {
    Run r = check(dll, extra);
    BOOST_TEST_CONTEXT(dll.filename().string() << " " << extra << "\n" << r.stderr_text) {
        BOOST_REQUIRE(r.report.is_object());
        BOOST_TEST(r.exit_status == 1);
        std::set<std::string> ids;
        for (const auto& [id, rule] : failing) {
            ids.insert(id);
            const auto& c = case_of(r.report, id);
            if (unprovable_under_emulation(c)) continue;  // lost with its host: nothing to judge
            BOOST_TEST(c.at("status") == "fail", id << ": " << c.at("message"));
            const auto rules = c.at("rules").get<std::vector<std::string>>();
            BOOST_TEST((std::find(rules.begin(), rules.end(), rule) != rules.end() ||
                        c.at("message").get<std::string>().find("[" + rule + "]") != std::string::npos),
                       id << " does not cite " << rule << ": " << c.at("message"));
        }
        for (const auto& c : r.report.at("cases")) {
            if (ids.count(c.at("id").get<std::string>())) continue;
            BOOST_TEST(c.at("status") != "fail", c.at("id") << ": " << c.at("message"));
            if (c.at("status") == "error")
                BOOST_TEST(unprovable_under_emulation(c), c.at("id") << ": " << c.at("message"));
        }
    }
    return r;
}

// Every case passes or does not apply; every dynamic case ran (none is
// not-applicable for want of a 32-bit Wine).
void expect_passes_32bit(const fs::path& dll, const std::string& extra) {
    Run r = check(dll, extra);
    BOOST_TEST_CONTEXT(dll.filename().string() << " " << extra << "\n" << r.stderr_text) {
        BOOST_REQUIRE(r.report.is_object());
        BOOST_TEST(r.report.at("subjects").at(0).at("machine") == "i686");
        bool emulated = false;
        std::size_t passed = 0;
        for (const auto& c : r.report.at("cases")) {
            const std::string id = c.at("id"), status = c.at("status");
            if (unprovable_under_emulation(c)) {
                emulated = true;
                continue;
            }
            BOOST_TEST((status == "pass" || status == "not-applicable" || status == "warning"),
                       id << ": " << status << ": " << c.at("message"));
            BOOST_TEST(c.at("message").get<std::string>().find("32-bit") == std::string::npos, id << ": " << c.at("message"));
            passed += status == "pass";
        }
        BOOST_TEST(passed >= 20u);
        BOOST_TEST(r.exit_status == (emulated ? 1 : 0));
        BOOST_TEST(r.report.at("verdict") == (emulated ? "fail" : "pass"));
        // The dynamic cases really ran: the trace is there.
        BOOST_TEST(case_of(r.report, "lifecycle.accepted-connection").at("trace").size() >= 6u);
    }
}

// From Windows Server 2008 R2 on RRAS is x64 only: no RRAS loads an i686 DLL
// (LOAD-7). The dynamic cases still run (HDR-2's table convention can only be
// seen under those profiles); deploy.machine alone fails the DLL.
BOOST_AUTO_TEST_CASE(no_rras_for_x86_after_windows_server_2008) {
    if (env("RASCONFORM_WIN32_SUBJECTS").empty()) return;
    Run x64_only = expect_fails_32bit(win32_subject("good_full.dll"), {{"deploy.machine", "LOAD-7"}}, "--profile ws2012");
    BOOST_TEST(case_of(x64_only.report, "deploy.machine").at("message").get<std::string>().find(
                   "Windows Server 2012 has RRAS only for x86_64") != std::string::npos);
}

// A prefix made before wine32:i386 was installed has no 32-bit side: a
// prefix the user named is never changed, so the run stops with the remedy.
BOOST_AUTO_TEST_CASE(prefix_made_before_wine32) {
    if (env("RASCONFORM_WIN32_EXAMPLE_DLL").empty()) return;
    const fs::path prefix = scratch() / "prefix-without-wow64";
    fs::create_directories(prefix / "drive_c" / "windows" / "system32");
    std::ofstream(prefix / "system.reg") << "WINE REGISTRY Version 2\n";
    Run r = check(env("RASCONFORM_WIN32_EXAMPLE_DLL"), "--profile ws2008 --wine-prefix " + quote(prefix.string()));
    BOOST_TEST_CONTEXT(r.stderr_text) {
        BOOST_TEST(r.exit_status == 2);
        BOOST_TEST(std::count(r.stderr_text.begin(), r.stderr_text.end(), '\n') == 1);
        BOOST_TEST(r.stderr_text.find("has no 32-bit side") != std::string::npos);
        BOOST_TEST(r.stderr_text.find("pass --wine-prefix with an empty folder") != std::string::npos);
        BOOST_REQUIRE(r.report.is_object());
        BOOST_TEST(case_of(r.report, "lifecycle.accepted-connection").at("status") == "error");
    }
    BOOST_TEST(!fs::exists(prefix / "drive_c" / "windows" / "syswow64"));  // left as it was
}

// RRAS finds none of its callouts under their decorated names: the service
// does not start, so the dynamic cases are `error` saying so.
BOOST_AUTO_TEST_CASE(decorated_names) {
    if (env("RASCONFORM_WIN32_SUBJECTS").empty()) return;
    Run decorated = check(win32_subject("bad_stdcall_decorated.dll"), "--profile ws2008");
    BOOST_TEST(decorated.exit_status == 1);
    BOOST_TEST(with_status(decorated.report, "fail") == std::set<std::string>{"export.undecorated-names"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reference_dll_passes) {
    if (env("RASCONFORM_WIN32_EXAMPLE_DLL").empty()) return;
    expect_passes_32bit(env("RASCONFORM_WIN32_EXAMPLE_DLL"), "--profile ws2008");
    expect_passes_32bit(win32_subject("good_ipv6.dll"), "--profile ws2008");
}

// HDR-2: the exported IPv6 release is __cdecl; one built __stdcall takes
// its arguments off RRAS's stack.
BOOST_AUTO_TEST_CASE(stdcall_ipv6_release_export) {
    if (env("RASCONFORM_WIN32_SUBJECTS").empty()) return;
    Run r = expect_fails_32bit(win32_subject("bad_ipv6_release_stdcall.dll"), {{"abi.calling-convention", "HDR-2"}},
                               "--profile ws2008");
    const auto& c = case_of(r.report, "abi.calling-convention");
    if (c.at("status") == "fail")
        BOOST_TEST(c.at("message").get<std::string>().find(
                       "the exported MprAdminReleaseIpv6AddressForUser took 12 bytes") != std::string::npos,
                   c.at("message"));
}

// HDR-2: the table's slot is __stdcall; a __cdecl function there leaves its
// arguments on RRAS's stack. The table came with Windows Server 2008 R2,
// whose RRAS is x64 only: deploy.machine fails the DLL too.
BOOST_AUTO_TEST_CASE(cdecl_ipv6_release_in_the_table) {
    if (env("RASCONFORM_WIN32_SUBJECTS").empty()) return;
    Run r = expect_fails_32bit(win32_subject("bad_table_cdecl_ipv6_release.dll"),
                               {{"abi.calling-convention", "HDR-2"}, {"deploy.machine", "LOAD-7"}}, "--profile ws2008r2");
    const auto& c = case_of(r.report, "abi.calling-convention");
    if (c.at("status") == "fail")
        BOOST_TEST(c.at("message").get<std::string>().find(
                       "MprAdminReleaseIpv6AddressForUser from the callback table left 12 bytes") != std::string::npos,
                   c.at("message"));
    // The x86_64 build of the same table has one convention: nothing to find.
    Run x64 = check(win_subject("good_table.dll"));
    BOOST_TEST(case_of(x64.report, "abi.calling-convention").at("status") == "not-applicable");
}

// A fault in a callout is a fault in 32 bits too (under qemu with the code
// the emulated Wine reports).
BOOST_AUTO_TEST_CASE(fault_in_a_callout) {
    if (env("RASCONFORM_WIN32_SUBJECTS").empty()) return;
    Run r = expect_fails_32bit(win32_subject("bad_fault_access.dll"), {{"robust.no-fault", "ROBUST-1"}},
                               "--profile ws2008");
    const auto& c = case_of(r.report, "robust.no-fault");
    if (c.at("status") == "fail")
        BOOST_TEST(c.at("message").get<std::string>().find("bad_fault_access.dll+0x") != std::string::npos,
                   c.at("message"));
}

// No 32-bit side (simulated: an i686 agent or a 32-bit loader that is not
// there): every dynamic case is `error` naming what is missing, exit 2,
// one line on stderr; never not-applicable, never a pass.
BOOST_AUTO_TEST_CASE(without_a_32bit_wine) {
    if (env("RASCONFORM_WIN32_EXAMPLE_DLL").empty()) return;
    for (const auto& [environment, words] :
         {std::pair<std::string, std::string>{"RASCONFORM_AGENT_I686=/nonexistent/rasconform.exe ", "i686 agent"},
          {"RASCONFORM_WINE32=/nonexistent/wine ", "apt-get install wine32:i386"}}) {
        Run r = run_cli("check " + quote(env("RASCONFORM_WIN32_EXAMPLE_DLL")) + " --profile ws2008", true, environment);
        BOOST_TEST_CONTEXT(environment << "\n" << r.stderr_text) {
            BOOST_TEST(r.exit_status == 2);
            BOOST_TEST(std::count(r.stderr_text.begin(), r.stderr_text.end(), '\n') == 1);
            BOOST_TEST(r.stderr_text.find(words) != std::string::npos, r.stderr_text);
            BOOST_REQUIRE(r.report.is_object());
            BOOST_TEST(r.report.at("verdict") == "fail");
            std::size_t errors = 0;
            for (const auto& c : r.report.at("cases")) {
                BOOST_TEST((c.at("status") != "not-applicable" ||
                            c.at("message").get<std::string>().find("32-bit") == std::string::npos),
                           c.at("id") << ": " << c.at("message"));
                if (c.at("status") != "error") continue;
                ++errors;
                BOOST_TEST(c.at("message").get<std::string>().find(words) != std::string::npos, c.at("message"));
            }
            BOOST_TEST(errors >= 20u);  // the dynamic ones
            for (const char* id : {"lifecycle.accepted-connection", "robust.no-fault", "abi.calling-convention"})
                BOOST_TEST(case_of(r.report, id).at("status") == "error", id);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(unusable_input)

// Bad input: exit 2 and exactly one line on stderr naming the file.
void expect_one_line_error(const std::string& file, const std::string& words) {
    Run r = check(file);
    BOOST_TEST_CONTEXT(file) {
        BOOST_TEST(r.exit_status == 2);
        BOOST_TEST(std::count(r.stderr_text.begin(), r.stderr_text.end(), '\n') == 1);
        BOOST_TEST(r.stderr_text.find(file) != std::string::npos, r.stderr_text);
        BOOST_TEST(r.stderr_text.find(words) != std::string::npos, r.stderr_text);
    }
}

BOOST_AUTO_TEST_CASE(text_file) {
    fs::path f = scratch() / "notes.txt";
    std::ofstream(f) << "this is not a DLL\n";
    expect_one_line_error(f.string(), "not a PE file");
}

BOOST_AUTO_TEST_CASE(truncated_pe) {
    fs::path f = scratch() / "truncated.dll";
    std::ifstream in(env("RASCONFORM_EXAMPLE_DLL"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(f, std::ios::binary) << bytes.substr(0, 300);
    expect_one_line_error(f.string(), "truncated");
}

BOOST_AUTO_TEST_CASE(unsupported_machine) {
    fs::path f = scratch() / "arm64.dll";
    fs::copy_file(env("RASCONFORM_EXAMPLE_DLL"), f, fs::copy_options::overwrite_existing);
    std::fstream io(f, std::ios::in | std::ios::out | std::ios::binary);
    std::uint32_t pe_offset = 0;
    io.seekg(0x3C);
    io.read(reinterpret_cast<char*>(&pe_offset), 4);
    io.seekp(pe_offset + 4);  // COFF Machine, after "PE\0\0"
    io.write("\x64\xAA", 2);  // IMAGE_FILE_MACHINE_ARM64
    io.close();
    expect_one_line_error(f.string(), "unsupported machine arm64");
}

BOOST_AUTO_TEST_CASE(missing_wine_names_the_package) {
    Run r = run_cli("check " + quote(env("RASCONFORM_EXAMPLE_DLL")), true, "PATH=/nonexistent ");
    BOOST_TEST(r.exit_status == 2);
    BOOST_TEST(std::count(r.stderr_text.begin(), r.stderr_text.end(), '\n') == 1);
    BOOST_TEST(r.stderr_text.find("apt-get install wine wine64") != std::string::npos, r.stderr_text);
    // The static cases still ran and the dynamic ones say why they did not.
    BOOST_TEST(case_of(r.report, "export.required").at("status") == "pass");
    BOOST_TEST(case_of(r.report, "robust.no-fault").at("status") == "error");
}

BOOST_AUTO_TEST_CASE(missing_file) { expect_one_line_error((scratch() / "absent.dll").string(), "file not found"); }

BOOST_AUTO_TEST_CASE(executable_is_not_a_dll) {
    expect_one_line_error(env("RASCONFORM_AGENT"), "not a DLL");
}

BOOST_AUTO_TEST_CASE(unknown_profile_is_usage_error) {
    Run r = check(env("RASCONFORM_EXAMPLE_DLL"), "--profile windows95");
    BOOST_TEST(r.exit_status == 2);
}

BOOST_AUTO_TEST_CASE(list_names_every_case) {
    Run r = run_cli("list --format json > " + quote((scratch() / "list.json").string()), false);
    BOOST_TEST(r.exit_status == 0);
    std::ifstream in(scratch() / "list.json");
    nlohmann::json j = nlohmann::json::parse(in);
    BOOST_TEST(j.at("cases").size() == 37u);
    BOOST_TEST(j.at("rules").size() == 171u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(simulate)

// Every shipped scenario against the reference DLL under every profile,
// through the agent under Wine; the engine's own trace check stays clean.
BOOST_AUTO_TEST_CASE(shipped_scenarios_under_every_profile) {
    fs::path dir = env("RASCONFORM_SCENARIO_DIR");
    std::size_t scenarios = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".toml") continue;
        ++scenarios;
        fs::path out = scratch() / (entry.path().stem().string() + ".json");
        Run r = run_cli("simulate " + quote(env("RASCONFORM_EXAMPLE_DLL")) + " --scenario " +
                               quote(entry.path().string()) + " --profile all --format json --output " +
                               quote(out.string()),
                           false);
        BOOST_TEST_CONTEXT(entry.path().filename() << "\n" << r.stderr_text) {
            BOOST_TEST(r.exit_status == 0);
            std::ifstream in(out);
            nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
            BOOST_REQUIRE(j.is_object());
            BOOST_TEST(j.at("runs").size() == 9u);
            for (const auto& run : j.at("runs")) {
                BOOST_TEST_CONTEXT(run.at("profile")) {
                    BOOST_TEST(run.at("started") == true);
                    BOOST_TEST(run.at("engine_violations").empty(), run.at("engine_violations").dump());
                    const auto& trace = run.at("trace");
                    BOOST_REQUIRE(trace.size() >= 2u);
                    BOOST_TEST(trace.front().at("callout").get<std::string>().rfind("MprAdminInitializeDll", 0) == 0u);
                    BOOST_TEST(trace.back().at("callout") == "MprAdminTerminateDll");
                    for (const auto& e : trace) BOOST_TEST(e.at("outcome") == "returned");
                }
            }
        }
    }
    BOOST_TEST(scenarios >= 5u);
}

BOOST_AUTO_TEST_CASE(broken_scenario_is_one_line_with_file_and_line) {
    fs::path f = scratch() / "broken.toml";
    std::ofstream(f) << "name = \"broken\"\n[[connection]]\nid = \"a\"\nuser = \"alice\"\ntunnel = \"carrier-pigeon\"\n";
    Run r = run_cli("simulate " + quote(env("RASCONFORM_EXAMPLE_DLL")) + " --scenario " + quote(f.string()), false);
    BOOST_TEST(r.exit_status == 2);
    BOOST_TEST(std::count(r.stderr_text.begin(), r.stderr_text.end(), '\n') == 1);
    BOOST_TEST(r.stderr_text.find(f.string() + ":5:") != std::string::npos, r.stderr_text);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(stress_command)

// The same seed replays the same interleaving through the agent; a DLL that
// breaks under it gets a failing verdict with the command that replays it.
BOOST_AUTO_TEST_CASE(seeded_runs_replay_and_failures_say_how) {
    auto run = [](const std::string& dll, const std::string& seed, const std::string& name) {
        fs::path out = scratch() / (name + ".json");
        Run r = run_cli("stress " + quote(dll) + " --connections 150 --threads 4 --seed " + seed +
                               " --format json --output " + quote(out.string()),
                           false);
        std::ifstream in(out);
        r.report = nlohmann::json::parse(in, nullptr, false);
        return r;
    };
    Run a = run(env("RASCONFORM_EXAMPLE_DLL"), "5", "a");
    Run b = run(env("RASCONFORM_EXAMPLE_DLL"), "5", "b");
    BOOST_REQUIRE_MESSAGE(a.report.is_object(), "exit " << a.exit_status << ": " << a.stderr_text);
    BOOST_REQUIRE_MESSAGE(b.report.is_object(), "exit " << b.exit_status << ": " << b.stderr_text);
    BOOST_TEST(a.exit_status == 0, a.stderr_text);
    BOOST_TEST(a.report.at("verdict") == "pass");
    BOOST_TEST(a.report.at("engine_violations").empty());
    BOOST_TEST(a.report.at("start_order_digest") == b.report.at("start_order_digest"));

    Run bad = run(win_subject("bad_order.dll").string(), "5", "bad");
    BOOST_REQUIRE(bad.report.is_object());
    BOOST_TEST(bad.exit_status == 1);
    BOOST_TEST(bad.report.at("verdict") == "fail");
    BOOST_TEST(!bad.report.at("failed_callouts").empty());
    BOOST_TEST(bad.report.at("replay").get<std::string>().find("--seed 5") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(differential)

// One DLL source, two backends: native_admin_so.cpp as a Linux shared object
// (played here) and as a PE DLL (played by the agent under Wine). The same
// scenario must give the same callouts, in the same order, with the same
// answers - the engine and its backends agree.
BOOST_AUTO_TEST_CASE(shared_object_and_pe_builds_give_the_same_trace) {
    using namespace rasconform;
    fs::path so = env("RASCONFORM_NATIVE_SUBJECT");
    fs::path pe = win_subject("native_admin_so.dll");
    std::size_t compared = 0;
    for (const auto& entry : fs::directory_iterator(env("RASCONFORM_SCENARIO_DIR"))) {
        if (entry.path().extension() != ".toml") continue;
        ScenarioLoad sc = load_scenario(entry.path());
        BOOST_REQUIRE_MESSAGE(sc.scenario, sc.error);

        mock::SharedObjectAdminDll native(so);
        mock::Service service({&native});
        mock::play(service, *sc.scenario);
        std::vector<std::string> here;
        for (const TraceEvent& e : service.trace())
            here.push_back(std::string(info(e.callout).name) + " " + e.args + " -> " + describe(e.outcome));

        fs::path out = scratch() / ("diff-" + entry.path().stem().string() + ".json");
        Run r = run_cli("simulate " + quote(pe.string()) + " --scenario " + quote(entry.path().string()) +
                               " --format json --output " + quote(out.string()),
                           false);
        BOOST_REQUIRE_MESSAGE(r.exit_status == 0, r.stderr_text);
        std::ifstream in(out);
        nlohmann::json j = nlohmann::json::parse(in);
        std::vector<std::string> there;
        for (const auto& e : j.at("runs").at(0).at("trace"))
            there.push_back(e.at("callout").get<std::string>() + " " + e.at("args").get<std::string>() + " -> " +
                            (e.at("outcome") == "returned" ? "returned " + std::to_string(e.at("value").get<unsigned>())
                                                           : e.at("outcome").get<std::string>()));
        BOOST_TEST_CONTEXT(entry.path().filename()) { BOOST_TEST(here == there, boost::test_tools::per_element()); }
        ++compared;
    }
    BOOST_TEST(compared >= 5u);
}

BOOST_AUTO_TEST_SUITE_END()

// `rasconform inspect`: the file alone, natively - no Wine involved.
BOOST_AUTO_TEST_SUITE(inspect)

nlohmann::json inspect_json(const fs::path& dll, int expected_status = 0) {
    fs::path out = scratch() / (dll.stem().string() + ".inspect.json");
    Run r = run_cli("inspect " + quote(dll.string()) + " --format json --output " + quote(out.string()), false);
    BOOST_TEST(r.exit_status == expected_status, r.stderr_text);
    std::ifstream in(out);
    return in ? nlohmann::json::parse(in, nullptr, false) : nlohmann::json();
}

std::vector<std::string> risk_rules(const nlohmann::json& j) {
    std::vector<std::string> rules;
    for (const auto& r : j.at("risks")) rules.push_back(r.at("rule").get<std::string>());
    return rules;
}

// Every profile whose Windows has RRAS for x86_64: Windows 2000 had it for
// x86 only (deploy.machine, LOAD-7).
BOOST_AUTO_TEST_CASE(reference_dll_has_no_risk_and_passes_every_x64_profile) {
    nlohmann::json j = inspect_json(env("RASCONFORM_EXAMPLE_DLL"));
    BOOST_REQUIRE(j.is_object());
    BOOST_TEST(j.at("machine") == "x86_64");
    BOOST_TEST(j.at("risks").empty());
    BOOST_TEST(j.at("callouts_rras_cannot_find").empty());
    BOOST_TEST(j.at("variants").at("Ex") == "complete");
    BOOST_TEST(j.at("ipv4_pair") == "complete");
    for (const auto& p : j.at("profiles"))
        BOOST_TEST(p.at("static_verdict") == (p.at("profile") == "w2000" ? "fail" : "pass"), p.at("profile"));
}

BOOST_AUTO_TEST_CASE(export_name_that_is_not_utf8_is_reported_not_fatal) {
    // Export names are bytes; one that is not UTF-8 must not break the JSON.
    std::ifstream in(win_subject("good_full.dll"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string name("MprAdminReleaseIpAddress\0", 25);
    const auto at = bytes.find(name);
    BOOST_REQUIRE(at != std::string::npos);
    bytes[at + 3] = static_cast<char>(0xFF);
    const fs::path odd = scratch() / "odd_export_name.dll";
    std::ofstream(odd, std::ios::binary) << bytes;
    nlohmann::json j = inspect_json(odd);
    BOOST_TEST(j.is_object());
}

BOOST_AUTO_TEST_CASE(forbidden_mprapi_import_is_a_reentry_risk) {
    nlohmann::json j = inspect_json(win_subject("bad_reentry.dll"));
    BOOST_TEST(risk_rules(j) == std::vector<std::string>{"REENTRY-1"}, boost::test_tools::per_element());
    BOOST_TEST(j.at("risks").at(0).at("text").get<std::string>().find("MprAdminPortDisconnect") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dependency_not_beside_is_a_load_risk) {
    nlohmann::json j = inspect_json(win_subject("bad_missing_dependency.dll"));
    BOOST_TEST(risk_rules(j) == std::vector<std::string>{"LOAD-7"}, boost::test_tools::per_element());
    bool missing = false;
    for (const auto& i : j.at("imports")) missing |= i.at("dll") == "vendor_helper.dll" && i.at("origin") == "missing";
    BOOST_TEST(missing);
}

BOOST_AUTO_TEST_CASE(half_pairs_and_missing_exports_show_per_profile) {
    nlohmann::json j = inspect_json(win_subject("bad_ip_half_pair.dll"));
    BOOST_TEST(j.at("ipv4_pair") == "half");
    nlohmann::json missing = inspect_json(win_subject("bad_missing_link_hangup.dll"));
    for (const auto& p : missing.at("profiles")) {
        BOOST_TEST(p.at("static_verdict") == "fail");
        BOOST_TEST(p.at("failing").at(0).at("case") == "export.required");
    }
}

BOOST_AUTO_TEST_CASE(decorated_names_are_exports_rras_cannot_find) {
    const std::string dir = env("RASCONFORM_WIN32_SUBJECTS");
    if (dir.empty()) return;
    nlohmann::json j = inspect_json(fs::path(dir) / "bad_stdcall_decorated.dll");
    BOOST_TEST(j.at("machine") == "i686");
    BOOST_TEST(j.at("callouts_rras_cannot_find").size() == 6u);
    BOOST_TEST(j.at("callouts").empty());
}

BOOST_AUTO_TEST_CASE(not_a_dll_is_unusable_input) {
    fs::path text = scratch() / "notes.dll";
    std::ofstream(text) << "not a PE file\n";
    Run r = run_cli("inspect " + quote(text.string()), false);
    BOOST_TEST(r.exit_status == 2);
    BOOST_TEST(r.stderr_text.find("notes.dll") != std::string::npos, r.stderr_text);
}

BOOST_AUTO_TEST_SUITE_END()

// --baseline (errata) and --profile all.
BOOST_AUTO_TEST_SUITE(baseline_and_profiles)

fs::path write_file(const std::string& name, const std::string& text) {
    fs::path p = scratch() / name;
    std::ofstream(p) << text;
    return p;
}

BOOST_AUTO_TEST_CASE(known_failures_do_not_fail_the_verdict) {
    fs::path b = write_file("errata.toml", "[[known-failure]]\ncase = \"export.ip-pairs\"\n"
                                           "profile = \"ws2022\"\nreason = \"ticket 7: Release ships in 2.1\"\n");
    Run r = check(win_subject("bad_ip_half_pair.dll"), "--baseline " + quote(b.string()));
    BOOST_TEST(r.exit_status == 0, r.stderr_text);
    BOOST_TEST(r.report.at("verdict") == "pass");
    BOOST_TEST(r.report.at("baseline").at("known_failures") == 1);
    const auto& c = case_of(r.report, "export.ip-pairs");
    BOOST_TEST(c.at("status") == "fail");  // still reported as what it is
    BOOST_TEST(c.at("baseline").at("outcome") == "known failure");
    BOOST_TEST(c.at("baseline").at("reason") == "ticket 7: Release ships in 2.1");
    // Listed for another profile only: not known there.
    Run w2000 = check(win_subject("bad_ip_half_pair.dll"), "--profile w2000 --baseline " + quote(b.string()));
    BOOST_TEST(w2000.exit_status == 1, w2000.stderr_text);
}

BOOST_AUTO_TEST_CASE(an_unexpected_pass_fails_the_verdict) {
    fs::path b = write_file("stale.toml", "[[known-failure]]\ncase = \"export.required\"\nreason = \"old bug\"\n");
    Run r = check(win_subject("good_full.dll"), "--baseline " + quote(b.string()));
    BOOST_TEST(r.exit_status == 1, r.stderr_text);
    BOOST_TEST(r.report.at("baseline").at("unexpected_passes") == 1);
    BOOST_TEST(case_of(r.report, "export.required").at("baseline").at("outcome") == "unexpected pass");
}

BOOST_AUTO_TEST_CASE(a_broken_baseline_is_unusable_input_naming_the_line) {
    fs::path b = write_file("broken.toml", "[[known-failure]]\ncase = \"export.required\"\n\n[[known-failure]]\n"
                                           "case = \"no.such-case\"\nreason = \"x\"\n");
    Run r = check(win_subject("good_full.dll"), "--baseline " + quote(b.string()));
    BOOST_TEST(r.exit_status == 2);
    BOOST_TEST(r.stderr_text.find("broken.toml:1: known-failure without reason") != std::string::npos, r.stderr_text);
}

BOOST_AUTO_TEST_CASE(every_profile_gets_its_own_verdict) {
    Run r = check(win_subject("bad_hangup_after_reject.dll"), "--profile all");
    BOOST_TEST(r.exit_status == 1, r.stderr_text);
    BOOST_REQUIRE(r.report.contains("runs"));
    std::map<std::string, std::string> verdicts;
    for (const auto& run : r.report.at("runs"))
        verdicts[run.at("profile").get<std::string>()] = run.at("verdict").get<std::string>();
    BOOST_TEST(verdicts.size() == 9u);
    // HANGUP-3: Windows 2000 sends no hang-up after a rejection; its only
    // failure is the machine (it had RRAS for x86 only, LOAD-7).
    for (const auto& run : r.report.at("runs"))
        if (run.at("profile") == "w2000")
            BOOST_TEST(with_status(run, "fail") == std::set<std::string>{"deploy.machine"},
                       boost::test_tools::per_element());
    BOOST_TEST(verdicts.at("ws2008") == "fail");
    BOOST_TEST(verdicts.at("ws2022") == "fail");
    BOOST_TEST(r.report.at("verdict") == "fail");
}

BOOST_AUTO_TEST_SUITE_END()
