#include "win32/output_capture.hpp"
#include "win32/flight_recorder.hpp"

#include <windows.h>

#include <fcntl.h>
#include <io.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cwchar>

namespace rasconform::win32 {
namespace {

// Not every SDK names them.
constexpr DWORD debug_print_ansi = 0x40010006;  // DBG_PRINTEXCEPTION_C
constexpr DWORD debug_print_wide = 0x4001000A;  // DBG_PRINTEXCEPTION_WIDE_C
// A debug string longer than this is cut (DBWIN's buffer holds 4 KB).
constexpr std::size_t debug_string_max = 16 * 1024;

std::atomic<HANDLE> debug_file{INVALID_HANDLE_VALUE};
// The ANSI form of the last wide string this thread printed: Windows passes
// it to OutputDebugStringA next, which must not make a second line.
thread_local std::string expected_echo;

// Wide text in a code page (CP_UTF8, CP_ACP).
std::string narrowed(const wchar_t* s, std::size_t n, UINT code_page) {
    if (n == 0) return {};
    const int bytes = WideCharToMultiByte(code_page, 0, s, static_cast<int>(n), nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(std::max(bytes, 0)), '\0');
    if (bytes > 0) WideCharToMultiByte(code_page, 0, s, static_cast<int>(n), out.data(), bytes, nullptr, nullptr);
    return out;
}

std::wstring wide_of_ansi(const std::string& s) {
    if (s.empty()) return {};
    const int n = MultiByteToWideChar(CP_ACP, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
    std::wstring out(static_cast<std::size_t>(std::max(n, 0)), L'\0');
    if (n > 0) MultiByteToWideChar(CP_ACP, 0, s.data(), static_cast<int>(s.size()), out.data(), n);
    return out;
}

LONG CALLBACK on_debug_string(EXCEPTION_POINTERS* info) {
    const EXCEPTION_RECORD* r = info->ExceptionRecord;
    const bool wide = r->ExceptionCode == debug_print_wide;
    if ((!wide && r->ExceptionCode != debug_print_ansi) || r->NumberParameters < 2 || !r->ExceptionInformation[1])
        return EXCEPTION_CONTINUE_SEARCH;
    const HANDLE file = debug_file.load();
    if (file == INVALID_HANDLE_VALUE) return EXCEPTION_CONTINUE_SEARCH;
    // [0]: characters with the terminating NUL, [1]: the string.
    const std::size_t limit = std::min<std::size_t>(r->ExceptionInformation[0], debug_string_max);
    std::string text;
    if (wide) {
        const auto* s = reinterpret_cast<const wchar_t*>(r->ExceptionInformation[1]);
        const std::size_t n = wcsnlen(s, limit);
        text = narrowed(s, n, CP_UTF8);
        expected_echo = narrowed(s, n, CP_ACP);
    } else {
        const auto* s = reinterpret_cast<const char*>(r->ExceptionInformation[1]);
        std::string bytes(s, strnlen(s, limit));
        const bool echo = !expected_echo.empty() && bytes == expected_echo;
        expected_echo.clear();
        if (echo) return EXCEPTION_CONTINUE_SEARCH;
        const std::wstring w = wide_of_ansi(bytes);
        text = narrowed(w.data(), w.size(), CP_UTF8);
    }
    if (text.empty() || text.back() != '\n') text += '\n';
    DWORD written = 0;
    WriteFile(file, text.data(), static_cast<DWORD>(text.size()), &written, nullptr);
    return EXCEPTION_CONTINUE_SEARCH;
}

// A C runtime descriptor on a capture file: text mode, as the standard
// streams of a console program are (the C runtime turns wide text into the
// code page there, which the reader knows).
int open_capture(const std::filesystem::path& file) {
    return _wopen(file.wstring().c_str(), _O_WRONLY | _O_CREAT | _O_TRUNC | _O_TEXT, _S_IREAD | _S_IWRITE);
}

}  // namespace

OutputCapture::OutputCapture(const std::filesystem::path& base) {
    const int out = open_capture(capture_file(base, OutputSource::standard_output));
    const int err = open_capture(capture_file(base, OutputSource::standard_error));
    const HANDLE debug =
        CreateFileW(capture_file(base, OutputSource::debug_string).wstring().c_str(), FILE_APPEND_DATA,
                    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, CREATE_ALWAYS,
                    FILE_ATTRIBUTE_NORMAL, nullptr);
    if (out < 0 || err < 0 || debug == INVALID_HANDLE_VALUE) {
        problem_ = "cannot create the output capture files " + base.string() + ".*";
        if (out >= 0) _close(out);
        if (err >= 0) _close(err);
        if (debug != INVALID_HANDLE_VALUE) CloseHandle(debug);
        return;
    }
    std::fflush(stdout);
    std::fflush(stderr);
    saved_out_ = _dup(1);
    saved_err_ = _dup(2);
    saved_out_handle_ = GetStdHandle(STD_OUTPUT_HANDLE);
    saved_err_handle_ = GetStdHandle(STD_ERROR_HANDLE);
    _dup2(out, 1);
    _dup2(err, 2);
    _close(out);
    _close(err);
    // For C runtimes that start after this (a DLL's own, UCRT's) and for
    // WriteFile(GetStdHandle(...)).
    SetStdHandle(STD_OUTPUT_HANDLE, reinterpret_cast<HANDLE>(_get_osfhandle(1)));
    SetStdHandle(STD_ERROR_HANDLE, reinterpret_cast<HANDLE>(_get_osfhandle(2)));
    // A printf is in the file when it returns, not when a buffer fills: a
    // process that dies next (abort after the message) loses nothing.
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    debug_file = debug;
    veh_ = AddVectoredExceptionHandler(0, on_debug_string);
}

OutputCapture::~OutputCapture() {
    if (!problem_.empty()) return;
    if (veh_) RemoveVectoredExceptionHandler(veh_);
    const HANDLE debug = debug_file.exchange(INVALID_HANDLE_VALUE);
    if (debug != INVALID_HANDLE_VALUE) CloseHandle(debug);
    std::fflush(stdout);
    std::fflush(stderr);
    auto restore = [](int saved, int fd, DWORD which, void* handle) {
        if (saved >= 0) {
            _dup2(saved, fd);
            _close(saved);
            SetStdHandle(which, reinterpret_cast<HANDLE>(_get_osfhandle(fd)));
        } else {
            _close(fd);
            SetStdHandle(which, handle);
        }
    };
    restore(saved_out_, 1, STD_OUTPUT_HANDLE, saved_out_handle_);
    restore(saved_err_, 2, STD_ERROR_HANDLE, saved_err_handle_);
}

namespace {
InProcessOutput* listening = nullptr;  // the one the flight recorder tells
}  // namespace

namespace {

std::filesystem::path in_process_base(const std::filesystem::path& flight_recorder) {
    if (!flight_recorder.empty()) return flight_recorder;
    const char* scratch = std::getenv("RASCONFORM_SCRATCH");
    std::error_code ec;
    return (scratch && *scratch ? std::filesystem::path(scratch) : std::filesystem::temp_directory_path(ec)) /
           ("rasconform-output-" + std::to_string(GetCurrentProcessId()));
}

}  // namespace

InProcessOutput::InProcessOutput(const std::filesystem::path& flight_recorder, std::shared_ptr<DllOutputLog> log)
    : base_(in_process_base(flight_recorder)),
      log_(std::move(log)),
      remove_files_(flight_recorder.empty()),
      reader_(base_) {
    capture_ = std::make_unique<OutputCapture>(base_);
    if (!capture_->problem().empty()) return;
    listening = this;
    set_callout_listener(&InProcessOutput::on_callout);
}

InProcessOutput::~InProcessOutput() {
    set_callout_listener(nullptr);
    listening = nullptr;
    collect();
    capture_.reset();
    reader_.close();
    if (remove_files_)
        for (OutputSource s : {OutputSource::standard_output, OutputSource::standard_error, OutputSource::debug_string}) {
            std::error_code ignored;
            std::filesystem::remove(capture_file(base_, s), ignored);
        }
}

void InProcessOutput::collect() { read({}, {}); }

void InProcessOutput::read(std::string_view dll, std::string_view callout) {
    std::lock_guard lock(mutex_);
    DllOutput fresh = reader_.read(dll, callout);
    if (!fresh.empty() && log_) log_->add(fresh);
}

namespace {
// Callout starts and ends so far, how many callouts are running, and where
// this thread's callout started: a callout that started with no other one
// running and saw no other start or end by its own end ran alone.
std::atomic<unsigned long long> edges{0};
std::atomic<unsigned> running{0};
thread_local unsigned long long started_at = 0;
thread_local bool started_alone = false;
}  // namespace

// What came before a callout started was written between callouts (by the
// DLL's threads); what came by its end, during it - when it ran alone. With
// callouts overlapping (stress, the soak) nobody can tell whose line it
// was: no callout is named rather than a wrong one. A callout that starts
// while another one runs and ends before it is not alone either: the longer
// one's lines would be read at its end.
void InProcessOutput::on_callout(std::string_view dll, std::string_view callout, bool ended) {
    InProcessOutput* self = listening;
    if (!ended) {
        started_alone = running.fetch_add(1) == 0;
        started_at = ++edges;
        if (self) self->read(dll, {});
        return;
    }
    running.fetch_sub(1);
    const bool alone = ++edges == started_at + 1 && started_alone;
    if (self) self->read(dll, alone ? callout : std::string_view());
}

}  // namespace rasconform::win32
