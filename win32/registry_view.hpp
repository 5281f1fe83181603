// The run's own view of HKEY_LOCAL_MACHINE (deployment as RRAS does it,
// LOAD-1, LOAD-2): the subject must find DLLPath and DisplayName under
// HKLM\SOFTWARE\Microsoft\RAS\AdminDll, and its vendor's keys, as an
// installer would have left them - without the run writing the machine's
// real HKLM (never on Windows, and under Wine two runs on one prefix must
// not see each other's values).
//
// How: a key of the run's own, HKCU\Software\rasconform\Views\<pid>-<start>,
// mirrors HKLM. Every key the run gives (AdminDll, each key a .reg file
// names) is a real key there, empty but for what the run writes; every key
// on the way to one copies its real values and links (REG_LINK) each other
// child to the real key, so everything else is the machine's registry,
// live. RegOverridePredefKey then makes the view the HKLM of this process;
// host processes apply it from RASCONFORM_REGISTRY_VIEW, which they inherit.
// Links are only ever opened with REG_OPTION_OPEN_LINK when the view goes,
// so removing it never reaches through to the real keys.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rasconform/reg_file.hpp"

namespace rasconform::win32 {

class RegistryView {
public:
    // Builds the view holding `edits` (applied in order; key paths below
    // HKLM). Throws std::runtime_error naming the key and the error.
    explicit RegistryView(const std::vector<RegFile>& edits);
    ~RegistryView();  // removes the view (links, never their targets)
    RegistryView(const RegistryView&) = delete;
    RegistryView& operator=(const RegistryView&) = delete;

    // Below HKEY_CURRENT_USER: "Software\rasconform\Views\<pid>-<start>".
    const std::wstring& key_path() const { return path_; }

private:
    std::wstring path_;
};

// The view named in RASCONFORM_REGISTRY_VIEW (set by whoever made it) becomes
// this process's HKEY_LOCAL_MACHINE; nothing happens without the variable.
// Returns an error text, empty on success.
std::string enter_registry_view_from_environment();
// Makes `view` this process's HKLM and names it in RASCONFORM_REGISTRY_VIEW
// for the processes this one starts. Returns an error text, empty on success.
std::string enter_registry_view(const RegistryView& view);

// Removes the views of runs whose process has ended (killed at a time-out:
// no destructor ran). Called before a new view is made.
void remove_stale_registry_views();

}  // namespace rasconform::win32
