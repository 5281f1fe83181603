// The live progress line of `check` on a terminal:
//   [12/19] robust.bounded-resources  x.dll  4 s
// rewritten in place on standard error (carriage return, padded with spaces
// rather than terminal escapes so a Windows console needs no VT mode) and
// cleared at the end. Without a terminal it writes nothing: logs and pipes
// get the report alone.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace rasconform::cli {

class Progress {
public:
    // `total` steps (cases over all profiles); `enabled` false makes every call a no-op.
    Progress(std::size_t total, bool enabled);
    ~Progress();  // done()
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Steps done_before+1 .. done_before+count are running now as one
    // (count 1: a single case; more: a stage, such as every dynamic case in
    // one agent). A ticker adds the seconds this has taken, so a long Wine
    // run visibly lives.
    void show(std::size_t done_before, std::size_t count, std::string_view what, std::string_view subject);

    // Stops the ticker and erases the line, before the report is printed.
    void done();

    // The line as drawn, without the elapsed time; for tests.
    static std::string line(std::size_t total, std::size_t done_before, std::size_t count, std::string_view what,
                            std::string_view subject);

private:
    void draw();  // with mutex_ held
    // The ticker thread runs while the Wine runner forks the agent; it only
    // formats and writes, and glibc keeps malloc usable in a forked child.
    void tick();

    const std::size_t total_;
    const bool enabled_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::string current_;  // empty: nothing on screen
    std::size_t drawn_ = 0;  // characters on screen, to pad over
    std::chrono::steady_clock::time_point since_;
    std::FILE* out_ = nullptr;  // the terminal: standard error as it was at the start
    std::thread ticker_;
};

}  // namespace rasconform::cli
