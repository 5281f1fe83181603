// Running the MinGW-built agent (rasconform.exe) under Wine from Linux.
//
// Wine's system processes (services, explorer ...) start with the first
// Wine process of a prefix and inherit its stdio; a reader waiting for EOF
// on a pipe would wait for them (toolchain.md 5). So the agent writes its
// report to a file, its stdio goes to a file, and we wait for the process,
// not for EOF.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "conformance/subject.hpp"
#include "conformance/wine_agent.hpp"
#include "rasconform/utf8_path.hpp"

#ifndef RASCONFORM_DEFAULT_AGENT
#define RASCONFORM_DEFAULT_AGENT ""
#endif
// Where `meson install` of the Linux tree puts the agent (<prefix>/libexec/rasconform).
#ifndef RASCONFORM_INSTALLED_AGENT
#define RASCONFORM_INSTALLED_AGENT ""
#endif
// The i686 agent: the -Dwin32_build_dir tree's, and where `meson install`
// puts it (<prefix>/libexec/rasconform/i686).
#ifndef RASCONFORM_DEFAULT_AGENT_I686
#define RASCONFORM_DEFAULT_AGENT_I686 ""
#endif
#ifndef RASCONFORM_INSTALLED_AGENT_I686
#define RASCONFORM_INSTALLED_AGENT_I686 ""
#endif

namespace rasconform::conformance {
namespace fs = std::filesystem;
namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// A /proc file's contents, or what could be read of it before the process
// went (std::ifstream would throw from underflow on ESRCH).
std::string read_proc_file(const fs::path& file) {
    std::string out;
    const int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return out;
    char buffer[4096];
    for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
    close(fd);
    return out;
}

std::string find_in_path(const std::string& program) {
    std::stringstream path(env("PATH"));
    for (std::string dir; std::getline(path, dir, ':');) {
        fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
        if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return {};
}

fs::path self_dir() {
    std::error_code ec;
    fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : p.parent_path();
}

std::string find_agent(const RunnerOptions& o) {
    std::vector<fs::path> candidates;
    if (!o.agent.empty()) return o.agent;  // explicit: used as given, checked by the caller
    if (!env("RASCONFORM_AGENT").empty()) return env("RASCONFORM_AGENT");
    if (*RASCONFORM_DEFAULT_AGENT) candidates.emplace_back(RASCONFORM_DEFAULT_AGENT);
    fs::path self = self_dir();
    candidates.push_back(self / "rasconform.exe");
    candidates.push_back(self / ".." / "libexec" / "rasconform" / "rasconform.exe");
    if (*RASCONFORM_INSTALLED_AGENT) candidates.emplace_back(RASCONFORM_INSTALLED_AGENT);
    for (const fs::path& c : candidates) {
        std::error_code ec;
        if (fs::is_regular_file(c, ec)) return c.string();
    }
    return {};
}

// The i686 agent: $RASCONFORM_AGENT_I686, the build tree's, an i686/
// folder beside this program or in the install's libexec.
std::string find_i686_agent() {
    if (!env("RASCONFORM_AGENT_I686").empty()) return env("RASCONFORM_AGENT_I686");
    std::vector<fs::path> candidates;
    if (*RASCONFORM_DEFAULT_AGENT_I686) candidates.emplace_back(RASCONFORM_DEFAULT_AGENT_I686);
    fs::path self = self_dir();
    candidates.push_back(self / "i686" / "rasconform.exe");
    candidates.push_back(self / ".." / "libexec" / "rasconform" / "i686" / "rasconform.exe");
    if (*RASCONFORM_INSTALLED_AGENT_I686) candidates.emplace_back(RASCONFORM_INSTALLED_AGENT_I686);
    for (const fs::path& c : candidates) {
        std::error_code ec;
        if (fs::is_regular_file(c, ec)) return c.string();
    }
    return {};
}

fs::path default_prefix() {
    if (!env("RASCONFORM_WINE_PREFIX").empty()) return env("RASCONFORM_WINE_PREFIX");
    fs::path cache = !env("XDG_CACHE_HOME").empty() ? fs::path(env("XDG_CACHE_HOME"))
                                                     : fs::path(env("HOME")) / ".cache";
    return cache / "rasconform" / "wineprefix";
}

// The Wine loader that starts the x86_64 agent. Debian's `wine` is a script
// that picks the 32-bit loader whenever wine32:i386 is installed; that
// loader needs the kernel's 32-bit support and a prefix with a 32-bit side,
// and fails (exit status 126 or 53, nothing said) where either is missing.
// Every program rasconform runs is x86_64, so the 64-bit loader of the Wine
// on PATH is taken when there is one: $RASCONFORM_WINE, else `wine64` on
// PATH, else the wine64 beside `wine` (WineHQ's /opt/wine-*/bin) or behind
// Debian's script (/usr/lib/wine/wine64), else `wine` itself (a WoW64
// build's loader runs both kinds). Empty: no Wine on PATH.
std::string wine_loader() {
    if (!env("RASCONFORM_WINE").empty()) return env("RASCONFORM_WINE");
    if (std::string wine64 = find_in_path("wine64"); !wine64.empty()) return wine64;
    const std::string wine = find_in_path("wine");
    if (wine.empty()) return {};
    std::error_code ec;
    const fs::path real = fs::canonical(wine, ec);
    for (const fs::path& candidate : {ec ? fs::path() : real.parent_path() / "wine64", fs::path("/usr/lib/wine/wine64")})
        if (!candidate.empty() && access(candidate.c_str(), X_OK) == 0) return candidate.string();
    return wine;
}

// The loader of 32-bit programs: $RASCONFORM_WINE32, else the `wine`
// beside the 64-bit loader (Debian: /usr/lib/wine/wine from wine32:i386;
// WineHQ: /opt/wine-*/bin/wine), else the 64-bit loader when it is the only
// one (a WoW64 build runs both kinds). Empty: no 32-bit loader.
std::string wine32_loader() {
    if (!env("RASCONFORM_WINE32").empty()) return env("RASCONFORM_WINE32");
    const std::string loader64 = wine_loader();
    if (loader64.empty()) return {};
    const fs::path beside = fs::path(loader64).parent_path() / "wine";
    if (fs::path(loader64).filename() == "wine64")
        return access(beside.c_str(), X_OK) == 0 ? beside.string() : std::string();
    return loader64;
}

// Whether i386 programs run through qemu user emulation: an enabled
// binfmt_misc entry for i386 ELF whose interpreter is qemu's (binfmt_misc
// handlers come before the kernel's own ELF loader). Its name, or empty.
std::string i386_emulator() {
    if (read_proc_file("/proc/sys/fs/binfmt_misc/status").rfind("enabled", 0) != 0) return {};
    std::error_code ec;
    for (fs::directory_iterator it("/proc/sys/fs/binfmt_misc", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string entry = read_proc_file(it->path());
        const auto interpreter = entry.find("interpreter ");
        if (entry.rfind("enabled", 0) != 0 || interpreter == std::string::npos ||
            entry.find("magic 7f454c4601") == std::string::npos)
            continue;
        const std::string program = entry.substr(interpreter + 12, entry.find('\n', interpreter) - interpreter - 12);
        if (program.find("qemu-i386") != std::string::npos) return program;
    }
    return {};
}

// The one line that says how to get a 32-bit Wine.
constexpr const char* wine32_remedy =
    "install it: dpkg --add-architecture i386 && apt-get update && apt-get install wine32:i386 wine32-preloader:i386";

// Whether the 32-bit loader starts at all: `loader --version`, once per
// process. Where the kernel runs no 32-bit programs (IA-32 emulation off)
// the exec fails with "Exec format error". Empty when it starts.
std::string wine32_cannot_start(const std::string& loader) {
    static std::string verdict = [&] {
        const std::string command = "'" + loader + "' --version 2>&1";
        FILE* p = popen(command.c_str(), "r");
        if (!p) return std::string("cannot run ") + loader;
        char buffer[512];
        std::string said;
        while (std::fgets(buffer, sizeof buffer, p)) said += buffer;
        const int status = pclose(p);
        while (!said.empty() && (said.back() == '\n' || said.back() == '\r')) said.pop_back();
        if (status == 0 && said.rfind("wine-", 0) == 0) return std::string();
        if (const auto nl = said.rfind('\n'); nl != std::string::npos) said = said.substr(nl + 1);
        const bool no_ia32 = said.find("Exec format error") != std::string::npos ||
                             said.find("cannot execute binary file") != std::string::npos ||
                             (WIFEXITED(status) && WEXITSTATUS(status) == 126);
        return fmt::format(
            "the 32-bit Wine loader {} does not start ({}){}", loader, said.empty() ? "no output" : said,
            no_ia32 ? ": this kernel runs no 32-bit x86 programs. Remedy: boot with ia32_emulation=on, or run "
                      "32-bit programs through qemu user emulation (apt-get install qemu-user-static "
                      "wine32-preloader:i386 and register qemu-i386-static in /proc/sys/fs/binfmt_misc, as "
                      "README.md, \"32-bit DLLs\", shows)"
                    : std::string(". Remedy: ") + wine32_remedy);
    }();
    return verdict;
}

void wine_environment(const fs::path& prefix, const std::string& loader) {
    setenv("WINEPREFIX", prefix.c_str(), 1);
    setenv("WINEDEBUG", "-all", 1);
    // No Mono/Gecko install prompts; winedbg off so a crash costs one line, not a debugger.
    setenv("WINEDLLOVERRIDES", "mscoree,mshtml=;winedbg.exe=d", 1);
    // The processes Wine starts for us (hosts, wineboot's) come from the same
    // loader; Wine finds the other kind's by adding or removing "64".
    if (fs::path(loader).filename() == "wine64" || loader == wine32_loader()) setenv("WINELOADER", loader.c_str(), 1);
    // The i686 agent and its hosts cannot see that they are emulated, and
    // then fault codes are wrong (win32/fault_reporting.hpp).
    if (const std::string emulator = i386_emulator(); !emulator.empty())
        setenv("RASCONFORM_EMULATED_I386", emulator.c_str(), 1);
    else
        unsetenv("RASCONFORM_EMULATED_I386");
    // Wine turns command lines and file names into UTF-16 through the C
    // library's character set: without a UTF-8 locale a path with "ü" in it
    // reaches Windows programs mangled.
    unsetenv("LC_ALL");
    setenv("LC_CTYPE", "C.UTF-8", 1);
    unsetenv("DISPLAY");
}

struct Exit {
    bool timed_out = false;
    // The prefix's Wine server went away (or was replaced) while the process
    // ran. Under load we have seen servers crash ("wineserver crashed" from
    // a client; cause not found): the clients of the dead server can then
    // wait forever, and an agent would only end at its time-out.
    bool server_lost = false;
    int status = -1;
};

// The processes in /proc, by id. Entries come and go while we look: no
// step may throw (a vanished process is simply skipped).
std::vector<pid_t> proc_ids() {
    std::vector<pid_t> ids;
    std::error_code ec;
    for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos)
            ids.push_back(static_cast<pid_t>(std::stol(name)));
    }
    return ids;
}

std::string read_proc_file(pid_t pid, const char* name) {
    return read_proc_file(fs::path(fmt::format("/proc/{}/{}", pid, name)));
}

// The wineserver process serving `prefix` (0: none). A server works in its
// folder server-<device>-<inode> of the prefix (hex), which is its cwd.
pid_t prefix_server(const fs::path& prefix) {
    struct stat st {};
    if (stat(prefix.c_str(), &st) != 0) return 0;
    const std::string folder = fmt::format("server-{:x}-{:x}", static_cast<unsigned long long>(st.st_dev),
                                           static_cast<unsigned long long>(st.st_ino));
    for (pid_t pid : proc_ids()) {
        std::error_code link_error;
        const fs::path exe = fs::read_symlink(fmt::format("/proc/{}/exe", pid), link_error);
        if (link_error || !exe.filename().string().starts_with("wineserver")) continue;
        const fs::path cwd = fs::read_symlink(fmt::format("/proc/{}/cwd", pid), link_error);
        if (!link_error && cwd.filename() == folder) return pid;
    }
    return 0;
}

// The agent's progress file ("<index> <case id>" lines, appended as cases
// start), read while it runs: each complete new line goes to `on_case`.
class ProgressReader {
public:
    ProgressReader(fs::path file, const std::function<void(std::size_t, std::string_view)>& on_case)
        : file_(std::move(file)), on_case_(on_case) {}
    void poll() {
        if (!on_case_ || file_.empty()) return;
        std::ifstream in(file_, std::ios::binary);
        if (!in || !in.seekg(static_cast<std::streamoff>(offset_))) return;
        std::string fresh((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        offset_ += fresh.size();
        partial_ += fresh;
        for (std::size_t end; (end = partial_.find('\n')) != std::string::npos; partial_.erase(0, end + 1)) {
            const std::string line = partial_.substr(0, end);
            const std::size_t space = line.find(' ');
            if (space == std::string::npos || space == 0) continue;
            std::size_t index = 0;
            const auto [p, ec] = std::from_chars(line.data(), line.data() + space, index);
            if (ec == std::errc() && p == line.data() + space) on_case_(index, std::string_view(line).substr(space + 1));
        }
    }

private:
    fs::path file_;
    const std::function<void(std::size_t, std::string_view)>& on_case_;
    std::uintmax_t offset_ = 0;
    std::string partial_;
};

// Whether this process ever found a prefix's server in /proc (prefix_server).
bool server_layout_known = false;

// Runs argv with the Wine environment, stdio to `log`, in its own process
// group so a time-out can take down everything it started; reports the
// agent's progress from `progress` while waiting.
Exit run(const std::vector<std::string>& argv, const fs::path& prefix, const fs::path& log, int timeout_seconds,
         ProgressReader* progress = nullptr) {
    pid_t pid = fork();
    if (pid < 0) return {};
    if (pid == 0) {
        setpgid(0, 0);
        wine_environment(prefix, argv.front());
        // Files the agent makes (second instances of the DLL) go in our scratch
        // folder, which we remove even when the agent dies.
        setenv("RASCONFORM_SCRATCH", windows_path(log.parent_path()).c_str(), 1);
        int in = open("/dev/null", O_RDONLY);
        int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in >= 0) dup2(in, 0);
        if (out >= 0) {
            dup2(out, 1);
            dup2(out, 2);
        }
        std::vector<char*> args;
        for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    setpgid(pid, pid);
    const auto started = std::chrono::steady_clock::now();
    const auto deadline = started + std::chrono::seconds(timeout_seconds);
    auto next_server_check = started + std::chrono::seconds(5);  // a server starts within that
    pid_t server = 0;  // the one serving the process
    int server_missing = 0;
    auto next_progress = started;
    for (;;) {
        int status = 0;
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            if (progress) progress->poll();
            return {false, false, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)};
        }
        if (r < 0) return {};
        const auto now = std::chrono::steady_clock::now();
        if (progress && now > next_progress) {
            next_progress = now + std::chrono::milliseconds(100);
            progress->poll();
        }
        bool lost = false;
        if (now > next_server_check) {
            next_server_check = now + std::chrono::seconds(1);
            const pid_t current = prefix_server(prefix);
            if (current) server_layout_known = true;
            if (!server) server = current;
            // Never found in this process (another Wine's layout): only the
            // time-out applies. Found before, none now: the run's server
            // went away before or after this check first saw it (seen under
            // qemu's i386 emulation, where the agent then waits for ever).
            const bool missing = current ? current != server : server_layout_known;
            server_missing = missing ? server_missing + 1 : 0;
            lost = server_missing >= 2;
        }
        if (lost || now > deadline) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            return {!lost, lost, -1};
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

// Host processes (rasconform-host.exe) carry the agent's scratch folder on
// their command line (--scratch Z:\tmp\rasconform-XXXXXX\...), which Wine
// shows in /proc. They end with their agent (they watch it), but a host the
// agent had only just created when it died, or one whose watch missed,
// would outlive the run: nothing this run started may stay behind.
void end_stragglers(const std::string& scratch_windows_path) {
    std::vector<pid_t> found;
    for (pid_t pid : proc_ids()) {
        if (pid == getpid() || read_proc_file(pid, "cmdline").find(scratch_windows_path) == std::string::npos) continue;
        if (kill(pid, SIGKILL) == 0) found.push_back(pid);
    }
    // Not our children: wait (briefly) for them to end. A zombie has ended:
    // where init does not reap (some containers) it stays in /proc forever.
    auto ended = [](pid_t p) {
        if (kill(p, 0) != 0) return true;
        const std::string stat = read_proc_file(p, "stat");  // "pid (comm) S ..."
        const auto paren = stat.rfind(')');
        return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] == 'Z';
    };
    for (int i = 0; i < 200 && !found.empty(); ++i) {
        std::erase_if(found, ended);
        if (!found.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::string first_line(const fs::path& file) {
    std::ifstream in(file);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;  // the last non-empty line usually says what went wrong
    return last;
}

// Creates the prefix on first use; an flock keeps parallel runs from
// booting it twice. wineserver writes system.reg only when it flushes, so
// readiness is our own marker, written once wineboot has succeeded. A prefix
// the user named that already is one (it has a registry) is used as it is:
// never booted, updated or marked.
std::string ensure_prefix(const fs::path& prefix, const fs::path& scratch, bool own) {
    if (std::error_code ec; !own && fs::exists(prefix / "system.reg", ec)) return {};
    std::error_code ec;
    fs::create_directories(prefix, ec);
    if (ec) return fmt::format("cannot create Wine prefix {}: {}", prefix.string(), ec.message());
    fs::path lock_path = prefix.string() + ".lock";
    // O_CLOEXEC: wineboot and the wineserver it starts must not inherit the lock.
    int lock = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    // Bounded wait: a stuck holder must not hang every later run.
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(300);
    while (lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) != 0) {
        if (std::chrono::steady_clock::now() > give_up) {
            close(lock);
            return fmt::format("Wine prefix {} is locked by another process ({}); gave up after 300 s",
                               prefix.string(), lock_path.string());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::string error;
    const fs::path ready = prefix / ".rasconform-ready";
    if (!fs::exists(ready)) {
        Exit e = run({wine_loader(), "wineboot.exe", "-i"}, prefix, scratch / "wineboot.log", 300);
        if (e.timed_out || e.status != 0)
            error = fmt::format("could not create Wine prefix {} (wineboot {}): {}", prefix.string(),
                                e.timed_out ? "timed out" : "exited with " + std::to_string(e.status),
                                first_line(scratch / "wineboot.log"));
        else
            std::ofstream(ready) << "created by rasconform\n";
    }
    if (lock >= 0) close(lock);
    return error;
}

// Windows names no file with " * < > ? | or a colon past the drive, and Wine
// shows a Linux file whose path has one only under a mangled short name. A
// Windows path (Z:\...) with such a letter is handed over through a link in
// the scratch folder to the file's folder: the file keeps its siblings
// (configuration beside a DLL), only the folder's name changes.
std::string nameable_in_windows(const std::string& argument, const fs::path& scratch) {
    const bool windows_path_given = argument.rfind("Z:\\", 0) == 0;
    if (!windows_path_given ||
        (argument.find_first_of("\"*<>?|", 2) == std::string::npos && argument.find(':', 2) == std::string::npos))
        return argument;
    std::string unix_path = argument.substr(2);
    std::replace(unix_path.begin(), unix_path.end(), '\\', '/');
    const fs::path file = path_from_utf8(unix_path);
    static int links = 0;
    const fs::path link = scratch / ("path-" + std::to_string(++links));
    std::error_code ec;
    fs::create_directory_symlink(file.parent_path(), link, ec);
    if (ec) return argument;  // the agent will say the file is not found
    fs::path named = link / file.filename();
    if (file.filename().string().find_first_of("\"*<>?|:") != std::string::npos) {
        named = link.string() + "-file" + file.extension().string();
        fs::create_symlink(file, named, ec);
    }
    return windows_path(named);
}

// A prefix rasconform made for itself (the default, under $XDG_CACHE_HOME):
// one it may make anew. A prefix the user named is never changed.
bool own_prefix(const RunnerOptions& options) {
    return options.wine_prefix.empty() && env("RASCONFORM_WINE_PREFIX").empty();
}

// Ends the prefix's server, removes the prefix and makes it again.
std::string remake_prefix(const fs::path& prefix, const fs::path& scratch) {
    run({"wineserver", "-k"}, prefix, scratch / "wineserver.log", 30);
    std::error_code ec;
    fs::remove_all(prefix, ec);
    if (ec) return fmt::format("cannot remove the broken Wine prefix {}: {}", prefix.string(), ec.message());
    return ensure_prefix(prefix, scratch, true);
}

// A prefix made while Wine had no 32-bit side (wine32:i386 installed later)
// has no drive_c/windows/syswow64 and starts no 32-bit program, and Wine 8's
// wineboot -u does not add it: only a new prefix has it. rasconform's own
// prefix is made anew; a prefix the user named is never changed, so the
// remedy is named instead.
std::string ensure_32bit_side(const fs::path& prefix, const fs::path& scratch, bool own) {
    std::error_code ec;
    const fs::path wow64 = prefix / "drive_c" / "windows" / "syswow64";
    if (fs::is_directory(wow64, ec)) return {};
    if (!own)
        return fmt::format("the Wine prefix {} has no 32-bit side (no drive_c/windows/syswow64: it was made before "
                           "wine32:i386 was installed), so no 32-bit DLL can run in it. Not the DLL's doing. Remedy: "
                           "pass --wine-prefix with an empty folder (rasconform makes a prefix there), or remove this "
                           "one and let it be made again",
                           prefix.string());
    std::fprintf(stderr, "rasconform: the Wine prefix %s has no 32-bit side (made before wine32:i386 was installed); "
                         "making it anew\n", prefix.c_str());
    if (std::string problem = remake_prefix(prefix, scratch); !problem.empty()) return problem;
    if (!fs::is_directory(wow64, ec))
        return fmt::format("the Wine prefix {} was made anew and still has no 32-bit side (no drive_c/windows/"
                           "syswow64); {}", prefix.string(), wine32_remedy);
    return {};
}

}  // namespace

std::string windows_path(const fs::path& p) {
    std::string s = "Z:" + fs::absolute(p).lexically_normal().string();
    for (char& c : s)
        if (c == '/') c = '\\';
    return s;
}

std::string append_agent_dlls(const std::vector<std::string>& dlls, std::vector<std::string>& args) {
    for (const std::string& d : dlls) {
        SubjectLoad s = load_subject(d);
        if (!s.subject) return d + ": " + s.problem;
        if (s.subject->pe.machine != PE_MACHINE_AMD64)
            return d + ": a 32-bit DLL cannot run here (Debian's wine64 has no 32-bit side)";
        args.push_back(windows_path(d));
    }
    return {};
}

// The i686 agent and the loader for it, or why the 32-bit side cannot run
// (never the DLL's doing: every dynamic case is then `error`, exit 2).
std::string i686_agent_and_loader(std::string& agent, std::string& loader) {
    loader = wine32_loader();
    if (loader.empty())
        return fmt::format("a 32-bit DLL needs Wine's 32-bit side, and it is missing (no {}); {}",
                           (fs::path(wine_loader()).parent_path() / "wine").string(), wine32_remedy);
    if (access(loader.c_str(), X_OK) != 0)
        return fmt::format("the 32-bit Wine loader {} (RASCONFORM_WINE32) is not an executable file; {}", loader,
                           wine32_remedy);
    if (std::string why = wine32_cannot_start(loader); !why.empty()) return why;
    agent = find_i686_agent();
    if (agent.empty())
        return "the i686 agent (rasconform.exe of the i686 MinGW tree) was not found: build it (ninja -C build-i686 "
               "agent) and set RASCONFORM_AGENT_I686 to it, or install it beside the x86_64 agent in i686/";
    if (!fs::is_regular_file(agent)) return fmt::format("the i686 agent {} (RASCONFORM_AGENT_I686) not found", agent);
    const auto pe = read_pe_file(agent);
    if (!pe.image || pe.image->machine != PE_MACHINE_I386)
        return fmt::format("the i686 agent {} (RASCONFORM_AGENT_I686) is not a 32-bit x86 Windows program{}", agent,
                           pe.image ? "" : ": " + pe.error);
    return {};
}

AgentResult run_agent(const std::vector<std::string>& args, const RunnerOptions& options, AgentMachine machine) {
    AgentResult r;
    std::string loader = wine_loader();
    if (loader.empty()) {
        r.environment_error = "wine not found: install the Debian packages wine and wine64 (apt-get install wine wine64)";
        return r;
    }
    if (access(loader.c_str(), X_OK) != 0) {
        r.environment_error = fmt::format("the Wine loader {} (RASCONFORM_WINE) is not an executable file", loader);
        return r;
    }
    std::string agent;
    // Under qemu's i386 emulation everything takes several times longer
    // (README.md, "32-bit DLLs"): the run's own time-out grows with it.
    const int timeout_seconds =
        machine == AgentMachine::i686 && !i386_emulator().empty() ? options.timeout_seconds * 4 : options.timeout_seconds;
    if (machine == AgentMachine::i686) {
        if (std::string problem = i686_agent_and_loader(agent, loader); !problem.empty()) {
            r.environment_error = problem;
            return r;
        }
    } else {
        agent = find_agent(options);
    }
    if (agent.empty() || !fs::is_regular_file(agent)) {
        r.environment_error = agent.empty() ? std::string("agent rasconform.exe not found: pass --agent or set "
                                                          "RASCONFORM_AGENT to the MinGW-built rasconform.exe")
                                            : fmt::format("agent {} not found", agent);
        return r;
    }
    char scratch_template[] = "/tmp/rasconform-XXXXXX";
    if (!mkdtemp(scratch_template)) {
        r.environment_error = "cannot create a temporary directory";
        return r;
    }
    fs::path scratch = scratch_template;
    // Removed however this function ends (an exception included).
    struct RemoveScratch {
        const fs::path& dir;
        ~RemoveScratch() {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    } remove_scratch{scratch};
    fs::path prefix = options.wine_prefix.empty() ? default_prefix() : fs::path(options.wine_prefix);
    std::string problem = ensure_prefix(prefix, scratch, own_prefix(options));
    if (problem.empty() && machine == AgentMachine::i686) problem = ensure_32bit_side(prefix, scratch, own_prefix(options));
    if (!problem.empty()) {
        r.environment_error = problem;
    } else {
        fs::path output = scratch / "agent-output";
        std::vector<std::string> argv{loader, agent};
        for (const std::string& a : args) argv.push_back(nameable_in_windows(a, scratch));
        argv.insert(argv.end(), {"--output", windows_path(output)});
        // The deployment (rasconform/deployment.hpp) is the agent's to build.
        if (!options.display_name.empty()) argv.insert(argv.end(), {"--display-name", options.display_name});
        for (const std::string& reg : options.registry_files)
            argv.insert(argv.end(), {"--registry", nameable_in_windows(windows_path(path_from_utf8(reg)), scratch)});
        const fs::path progress_file = scratch / "progress";
        if (options.on_case) argv.insert(argv.end(), {"--progress", windows_path(progress_file)});
        ProgressReader progress(progress_file, options.on_case);
        Exit e = run(argv, prefix, scratch / "agent.log", timeout_seconds, &progress);
        end_stragglers(windows_path(scratch));
        // The agent creates its output file as soon as it has read its
        // arguments: without it, Wine never ran the agent - the prefix does
        // not start programs. Never the subject's doing.
        auto never_started = [&] { return !e.server_lost && !e.timed_out && !fs::exists(output); };
        if (never_started() && own_prefix(options)) {
            // rasconform's own prefix: made anew, once.
            std::fprintf(stderr,
                         "rasconform: the Wine prefix %s did not start rasconform.exe (exit status %d: %s); making "
                         "it anew\n",
                         prefix.c_str(), e.status, first_line(scratch / "agent.log").c_str());
            if (std::string problem = remake_prefix(prefix, scratch); !problem.empty()) {
                r.environment_error = problem;
                return r;
            }
            e = run(argv, prefix, scratch / "agent.log", timeout_seconds, &progress);
            end_stragglers(windows_path(scratch));
        }
        // Not the subject's doing (its hangs are cut off per callout inside):
        // once more, with a new server.
        // The same when Wine ended without the agent having run at all and
        // without a word (status 0): seen on a loaded machine while another
        // agent's server went down.
        const bool never_ran = never_started() && e.status == 0 && first_line(scratch / "agent.log").empty();
        if (e.server_lost || never_ran) {
            std::fprintf(stderr, "rasconform: %s; running the agent again\n",
                         e.server_lost ? "the Wine server went away during the run"
                                       : "Wine ended without running the agent (status 0, no output, no message)");
            std::error_code ignored;
            fs::remove(progress_file, ignored);
            ProgressReader again(progress_file, options.on_case);
            e = run(argv, prefix, scratch / "agent.log", timeout_seconds, &again);
            end_stragglers(windows_path(scratch));
        }
        r.exit_status = e.status;
        if (never_started()) {
            const std::string said = first_line(scratch / "agent.log");
            r.environment_error = fmt::format(
                "the Wine prefix {} does not start programs: wine exited with status {} before rasconform.exe ran{}{}. "
                "Not the DLL's doing. Remedy: pass --wine-prefix with an empty folder (rasconform makes a prefix "
                "there), or remove this one; a prefix made before wine32:i386 was installed is the usual cause",
                prefix.string(), e.status, said.empty() ? "" : ": ", said);
            return r;
        }
        // The agent said the run could not be made (its harness self-test,
        // the deployment): exit status 2 and "rasconform: why" as its last word.
        if (const std::string said = first_line(scratch / "agent.log");
            e.status == 2 && said.rfind("rasconform: ", 0) == 0) {
            r.environment_error = said.substr(12);
            return r;
        }
        std::ifstream in(output, std::ios::binary);
        if (e.timed_out)
            r.failure = fmt::format("no result within {} s; the agent was killed", timeout_seconds);
        else if (e.server_lost)
            r.failure = "the Wine server went away during the run, twice; the agent was killed";
        else if (!in)
            r.failure = fmt::format("the agent wrote nothing (exit status {}): {}", e.status,
                                    first_line(scratch / "agent.log"));
        else
            r.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return r;
}

std::string wine_version() {
    const std::string loader = wine_loader();
    if (loader.empty()) return {};
    FILE* p = popen(("'" + loader + "' --version 2>/dev/null").c_str(), "r");
    if (!p) return {};
    char buffer[512];
    std::string line = std::fgets(buffer, sizeof buffer, p) ? buffer : "";
    pclose(p);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    return line;
}

}  // namespace rasconform::conformance
