#include "conformance/cli/progress.hpp"

#include <algorithm>
#include <cstdio>

#ifdef _WIN32
#include <io.h>
#endif

#include <fmt/format.h>

#include "rasconform/utf8_text.hpp"
#include "conformance/cli/terminal.hpp"

namespace rasconform::cli {

namespace {

// Standard error as it is now. With --isolate none the DLL's standard
// streams, which are this process's, go to capture files while the suite
// runs (win32/output_capture.hpp): the line must still reach the terminal.
// That happens on Windows only; elsewhere a copy would be inherited by the
// Wine processes the run starts, which outlive it.
std::FILE* terminal_copy() {
#ifdef _WIN32
    const int fd = _dup(_fileno(stderr));
    if (std::FILE* f = fd >= 0 ? _fdopen(fd, "w") : nullptr) return f;
#endif
    return stderr;
}

}  // namespace

Progress::Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled) {
    if (!enabled_) return;
    out_ = terminal_copy();
    ticker_ = std::thread([this] { tick(); });
}

Progress::~Progress() {
    done();
    if (out_ && out_ != stderr) std::fclose(out_);
}

void Progress::done() {
    if (!enabled_ || !ticker_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    ticker_.join();
    std::lock_guard lock(mutex_);
    current_.clear();
    if (drawn_) std::fprintf(out_, "\r%*s\r", static_cast<int>(drawn_), "");
    std::fflush(out_);
    drawn_ = 0;
}

std::string Progress::line(std::size_t total, std::size_t done_before, std::size_t count, std::string_view what,
                           std::string_view subject) {
    const std::string steps = count > 1 ? fmt::format("{}-{}", done_before + 1, done_before + count)
                                        : fmt::format("{}", done_before + 1);
    return fmt::format("[{}/{}] {}  {}", steps, total, what, subject);
}

void Progress::show(std::size_t done_before, std::size_t count, std::string_view what, std::string_view subject) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    current_ = line(total_, done_before, count, what, subject);
    since_ = std::chrono::steady_clock::now();
    draw();
}

void Progress::draw() {
    if (current_.empty()) return;
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - since_).count();
    std::string text = current_ + (seconds > 0 ? fmt::format("  {} s", seconds) : std::string(" ..."));
    // One column short of the width: a line that wraps cannot be rewritten.
    text = shorten(text, static_cast<std::size_t>(std::max(stderr_columns() - 1, 10)));
    const std::size_t width = code_points(text);
    std::fprintf(out_, "\r%s%*s", text.c_str(), static_cast<int>(drawn_ > width ? drawn_ - width : 0), "");
    std::fflush(out_);
    drawn_ = width;
}

void Progress::tick() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) draw();
}

}  // namespace rasconform::cli
