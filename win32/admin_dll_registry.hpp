// Reading RRAS's admin-DLL configuration from the real registry (LOAD-1,
// LOAD-2): HKLM\SOFTWARE\Microsoft\RAS\AdminDll, values DLLPath and
// DisplayName. Under Wine this is the prefix's registry.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rasconform::win32 {

struct AdminDllRegistry {
    bool key_present = false;                 // LOAD-1: absent key -> no admin DLL at all
    std::optional<std::string> dll_path;      // UTF-8
    std::optional<std::string> display_name;  // LOAD-4: one name even for several DLLs
    std::vector<std::string> problems;        // wrong value types, unreadable values (LOAD-2)
};

AdminDllRegistry read_admin_dll_registry();

// Writes the key (what a vendor's installer does, LOAD-10); for tests and
// for setting up a prefix. Returns an error text, empty on success.
std::string write_admin_dll_registry(const std::string& dll_path, const std::string& display_name);

}  // namespace rasconform::win32
