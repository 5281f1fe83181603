// Deployment as installed: the AdminDll values and the vendor's .reg files,
// checked everywhere, applied as a registry view where DLLs run (Windows).
#include "rasconform/deployment.hpp"

#include <filesystem>
#include <stdexcept>

#include "rasconform/utf16.hpp"
#include "rasconform/utf8_path.hpp"

#ifdef _WIN32
#include "win32/registry_view.hpp"
#endif

namespace rasconform {
// Named: the file shares a unity chunk with others that have helpers of these names.
namespace deployment_helpers {

std::vector<std::uint8_t> reg_sz(const std::string& text) {
    const std::u16string wide = to_utf16(text);
    std::vector<std::uint8_t> bytes;
    for (char16_t c : wide) {
        bytes.push_back(static_cast<std::uint8_t>(c & 0xFF));
        bytes.push_back(static_cast<std::uint8_t>(c >> 8));
    }
    bytes.insert(bytes.end(), {0, 0});
    return bytes;
}

// The last component of a Windows or POSIX path.
std::string file_name(const std::string& path) {
    const std::size_t slash = path.find_last_of("\\/");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace deployment_helpers

std::string default_display_name(const std::string& dll_path) {
    const std::string name = deployment_helpers::file_name(dll_path);
    const std::size_t dot = name.rfind('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::variant<std::vector<RegFile>, std::string> deployment_edits(const Deployment& d) {
    std::vector<RegFile> edits;
    RegFile installed;
    installed.file = "the run's AdminDll values";
    RegKeyEdit key;
    key.path = admin_dll_key;
    // LOAD-3: several DLLs are one value, separated by semicolons.
    std::string dll_path;
    for (const std::string& p : d.dll_paths) dll_path += (dll_path.empty() ? "" : ";") + p;
    RegValueEdit path_value;
    path_value.name = "DLLPath";
    path_value.type = 1;  // REG_SZ (LOAD-2)
    path_value.data = deployment_helpers::reg_sz(dll_path);
    RegValueEdit name_value;
    name_value.name = "DisplayName";
    name_value.type = 1;
    name_value.data = deployment_helpers::reg_sz(!d.display_name.empty() ? d.display_name
                             : d.dll_paths.empty()   ? std::string()
                                                     : default_display_name(d.dll_paths.front()));
    key.values = {path_value, name_value};
    installed.keys.push_back(std::move(key));
    edits.push_back(std::move(installed));
    for (const std::string& f : d.registry_files) {
        auto read = read_reg_file(path_from_utf8(f));
        if (auto* error = std::get_if<RegFileError>(&read)) return error->message;
        RegFile file = std::get<RegFile>(std::move(read));
        file.file = f;
        edits.push_back(std::move(file));
    }
    return edits;
}

namespace deployment_helpers {

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// A REG_SZ value's bytes (UTF-16LE with its terminator) as UTF-8.
std::string reg_sz_text(const std::vector<std::uint8_t>& bytes) {
    std::u16string text;
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        const auto c = static_cast<char16_t>(bytes[i] | (bytes[i + 1] << 8));
        if (c == 0) break;
        text.push_back(c);
    }
    return to_utf8(text);
}

std::string& in_force() {
    static std::string text;
    return text;
}

}  // namespace deployment_helpers

std::string deployment_text(const std::vector<RegFile>& edits) {
    const std::string key = deployment_helpers::lower(admin_dll_key);
    std::vector<std::pair<std::string, std::string>> values{{"DLLPath", "no DLLPath"}, {"DisplayName", "no DisplayName"}};
    std::vector<std::string> vendor_files;
    for (const RegFile& f : edits) {
        bool vendor = false;
        for (const RegKeyEdit& k : f.keys) {
            const std::string path = deployment_helpers::lower(k.path);
            const std::string where = f.file + ":" + std::to_string(k.line);
            if (k.remove && (key == path || key.rfind(path + "\\", 0) == 0)) {
                for (auto& [name, text] : values) text = "no " + name + " (key removed by " + where + ")";
                continue;
            }
            if (path != key) {
                vendor = true;
                continue;
            }
            for (const RegValueEdit& v : k.values)
                for (auto& [name, text] : values)
                    if (deployment_helpers::lower(v.name) == deployment_helpers::lower(name)) {
                        const std::string at = v.line ? f.file + ":" + std::to_string(v.line) : where;
                        text = v.remove       ? "no " + name + " (removed by " + at + ")"
                               : v.type == 1 ? name + " \"" + deployment_helpers::reg_sz_text(v.data) + "\""
                                             : name + " of type " + std::to_string(v.type) + " (set by " + at + ")";
                    }
        }
        if (vendor) vendor_files.push_back(f.file);
    }
    std::string text = "HKLM\\" + std::string(admin_dll_key) + " holds " + values[0].second + ", " + values[1].second;
    for (const std::string& f : vendor_files) text += "; vendor keys from " + f;
    return text;
}

const std::string& deployment_in_force() { return deployment_helpers::in_force(); }

struct DeploymentScope::View {
#ifdef _WIN32
    std::unique_ptr<win32::RegistryView> view;
#endif
};

DeploymentScope::DeploymentScope(const Deployment& d) {
    auto edits = deployment_edits(d);
    if (auto* problem = std::get_if<std::string>(&edits)) {
        problem_ = *problem;
        return;
    }
#ifdef _WIN32
    view_ = std::make_unique<View>();
    try {
        view_->view = std::make_unique<win32::RegistryView>(std::get<std::vector<RegFile>>(edits));
    } catch (const std::exception& e) {
        problem_ = e.what();
        return;
    }
    problem_ = win32::enter_registry_view(*view_->view);
    if (problem_.empty()) deployment_helpers::in_force() = deployment_text(std::get<std::vector<RegFile>>(edits));
#endif
}

DeploymentScope::~DeploymentScope() { deployment_helpers::in_force().clear(); }

}  // namespace rasconform
