// The writing side of the DLL's output capture (rasconform/dll_output.hpp):
// this process's standard output and error - the Win32 standard handles and
// the C runtime's descriptors 1 and 2, where a DLL's printf and the C
// runtime's assert message go - and the strings of OutputDebugStringA/W go to
// the capture files of a base path (rasconform/output_capture_files.hpp).
//
// Debug strings are seen by a vectored exception handler: without a debugger,
// OutputDebugStringA raises DBG_PRINTEXCEPTION_C and OutputDebugStringW
// DBG_PRINTEXCEPTION_WIDE_C (Windows 10 and later; then the A form with the
// same text, which is skipped here; Wine 8 raises only the A form). The
// handler lets every exception go on, so nothing else changes.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "rasconform/dll_output.hpp"
#include "rasconform/output_capture_files.hpp"

namespace rasconform::win32 {

class OutputCapture {
public:
    // Redirects from here on; problem() says why not, if it could not.
    explicit OutputCapture(const std::filesystem::path& base);
    // Gives the streams back as they were (--isolate none: the run is over).
    ~OutputCapture();
    OutputCapture(const OutputCapture&) = delete;
    OutputCapture& operator=(const OutputCapture&) = delete;
    const std::string& problem() const { return problem_; }

private:
    std::string problem_;
    int saved_out_ = -1, saved_err_ = -1;  // the C runtime's descriptors as they were
    void* saved_out_handle_ = nullptr;
    void* saved_err_handle_ = nullptr;
    void* veh_ = nullptr;
};

// --isolate none: the DLL runs in this process, so its output is captured
// for the dynamic run and read as each callout starts and ends (the flight
// recorder's notes), into `log`. The capture files are the flight
// recorder's with .stdout, .stderr and .debug appended, where whoever reads
// the flight recorder after this process died finds them too; without a
// flight recorder, they are in the scratch folder and go with this object.
class InProcessOutput {
public:
    InProcessOutput(const std::filesystem::path& flight_recorder, std::shared_ptr<DllOutputLog> log);
    ~InProcessOutput();
    InProcessOutput(const InProcessOutput&) = delete;
    InProcessOutput& operator=(const InProcessOutput&) = delete;
    // Reads what is new, attributed to no callout (between callouts).
    void collect();

private:
    static void on_callout(std::string_view dll, std::string_view callout, bool ended);
    void read(std::string_view dll, std::string_view callout);
    std::filesystem::path base_;
    std::shared_ptr<DllOutputLog> log_;
    bool remove_files_;
    std::mutex mutex_;
    CapturedOutputReader reader_;
    std::unique_ptr<OutputCapture> capture_;
};

}  // namespace rasconform::win32
