#include "win32/guarded_arguments.hpp"

#include "win32/fault_reporting.hpp"

#include "rasconform/abi_fields.hpp"
#include "rasconform/backend.hpp"
#include "rasconform/param_layout.hpp"

#include <windows.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <memory>

namespace rasconform::win32 {

// One argument's copy: its bytes end where its page run ends.
struct GuardedArgument {
    Param param{};
    const AbiStructure* structure = nullptr;  // spec 4.4 structure, nullptr for strings and plain values
    void* original = nullptr;
    std::uintptr_t run = 0;    // first byte of its committed pages
    std::uintptr_t begin = 0;  // first byte of the copy
    std::uintptr_t end = 0;    // one past the copy = end of its pages; an inaccessible page follows
    bool read_only = false;
};

// Where each argument's pages sit in a slot: the page count of each run
// (0: no argument there). Slots are reused by calls of the same shape.
using SlotShape = std::array<std::uint32_t, 4>;

// A section mapped twice (see the header): the DLL's view, whose protection
// changes, and the harness's, always writable. Shared by the slots carved
// from it.
struct Mapping {
    HANDLE section = nullptr;
    std::uintptr_t base = 0;
    std::uintptr_t alias = 0;
    std::size_t bytes = 0;
    Mapping() = default;
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    ~Mapping() {
        if (base) UnmapViewOfFile(reinterpret_cast<void*>(base));
        if (alias) UnmapViewOfFile(reinterpret_cast<void*>(alias));
        if (section) CloseHandle(section);
    }
};

// One call's pages, in a mapping: in the DLL's view a leading inaccessible
// page, then per argument its pages and an inaccessible page. Lives in
// `live` during the call, in the retired ring after it, then among the free
// slots of its shape until a call reuses it.
struct CallPages {
    std::uint64_t number = 0;  // process-wide count of guarded calls
    std::string dll;
    const CalloutInfo* callout = nullptr;
    std::uint64_t connection = 0;  // hConnection of the first structure that has one, 0 if none
    SlotShape shape{};
    std::shared_ptr<Mapping> mapping;
    std::uintptr_t base = 0;   // in the DLL's view
    std::uintptr_t alias = 0;  // the same pages in the harness's view
    std::size_t bytes = 0;
    GuardedArgument args[4];
    std::size_t count = 0;
    // Writes the fault handler saw to read-only arguments, first one per field.
    struct Write {
        std::uint8_t arg;
        std::uint32_t offset;
    };
    static constexpr std::size_t max_writes = 64;
    Write writes[max_writes] = {};
    std::atomic<std::uint32_t> write_count{0};

    bool contains(std::uintptr_t a) const { return a >= base && a < base + bytes; }
    // The harness's address of the DLL's `a`.
    void* through_alias(std::uintptr_t a) const { return reinterpret_cast<void*>(alias + (a - base)); }
};

namespace {

// Guards `live` and `retired`; the fault handler takes it shared.
SRWLOCK registry_lock = SRWLOCK_INIT;
std::vector<CallPages*>& live() {
    static std::vector<CallPages*> v;
    return v;
}
std::deque<std::unique_ptr<CallPages>>& retired() {
    static std::deque<std::unique_ptr<CallPages>> d;
    return d;
}
// Slots past the retired ring, by shape, for the next call of that shape;
// still attributed until then.
std::map<SlotShape, std::vector<std::unique_ptr<CallPages>>>& free_slots() {
    static std::map<SlotShape, std::vector<std::unique_ptr<CallPages>>> m;
    return m;
}
constexpr std::size_t free_per_shape = 16;
std::atomic<std::uint64_t> call_counter{0};

std::size_t page_size() {
    static const std::size_t size = [] {
        SYSTEM_INFO si;
        GetSystemInfo(&si);
        return static_cast<std::size_t>(si.dwPageSize);
    }();
    return size;
}

std::size_t pages_for(std::size_t bytes) { return (bytes + page_size() - 1) / page_size(); }

const AbiStructure* structure_of(Param p) {
    const char* name = nullptr;
    switch (p) {
    case Param::RasConnection0: name = "RAS_CONNECTION_0"; break;
    case Param::RasConnection1: name = "RAS_CONNECTION_1"; break;
    case Param::RasConnection2: name = "RAS_CONNECTION_2"; break;
    case Param::RasConnection3: name = "RAS_CONNECTION_3"; break;
    case Param::RasConnectionEx: name = "RAS_CONNECTION_EX"; break;
    case Param::RasPort0: name = "RAS_PORT_0"; break;
    case Param::RasPort1: name = "RAS_PORT_1"; break;
    case Param::CallbackTable: name = "MPRAPI_ADMIN_DLL_CALLBACKS"; break;
    default: return nullptr;
    }
    return find_abi_structure(name);
}

// The prototype's name for an argument that is not a structure (spec 2.3.14-17).
const char* value_label(Param p) {
    switch (p) {
    case Param::UserName: return "the user name string lpwszUserName";
    case Param::PortName: return "the port name string lpwszPortName";
    case Param::Ipv4Address: return "*lpdwIpAddress";
    case Param::Ipv6Address: return "*lpdwIpv6Address";
    case Param::NotifyRelease: return "*bNotifyRelease";
    default: return "an argument";
    }
}

// "RAS_CONNECTION_0.wszUserName", "RAS_CONNECTION_1+0x1c" (padding), or the value's name.
void label(const GuardedArgument& a, std::size_t offset, char* out, std::size_t capacity) {
    if (!a.structure) {
        std::snprintf(out, capacity, "%s", value_label(a.param));
        return;
    }
    std::string_view field = abi_field_at(a.structure->name, offset);
    if (field.empty())
        std::snprintf(out, capacity, "%.*s+0x%zx", static_cast<int>(a.structure->name.size()),
                      a.structure->name.data(), offset);
    else
        std::snprintf(out, capacity, "%.*s.%.*s", static_cast<int>(a.structure->name.size()),
                      a.structure->name.data(), static_cast<int>(field.size()), field.data());
}

std::uint64_t connection_handle(const AbiStructure& s, const void* original) {
    for (const AbiField& f : s.fields(host_abi_arch))
        if (f.path == "hConnection") {
            std::uintptr_t h = 0;
            std::memcpy(&h, static_cast<const char*>(original) + f.offset, sizeof h);
            return h;
        }
    return 0;
}

// Every argument of almost every call fits in one page: such calls share one
// shape, whose slots are carved 32 at a time from one mapping (three
// requests to the system instead of three per slot).
constexpr SlotShape small_shape{1, 1, 1, 1};
constexpr std::size_t slots_per_mapping = 32;

std::size_t slot_pages(const SlotShape& shape) {
    std::size_t pages = 1;  // the leading inaccessible page
    for (std::uint32_t run : shape)
        if (run) pages += run + 1;
    return pages;
}

// `pages` pages mapped twice, every page inaccessible in the DLL's view;
// nullptr when the system will not give them.
std::shared_ptr<Mapping> make_mapping(std::size_t pages) {
    auto m = std::make_shared<Mapping>();
    m->bytes = pages * page_size();
    m->section = CreateFileMappingW(INVALID_HANDLE_VALUE, nullptr, PAGE_READWRITE, 0, static_cast<DWORD>(m->bytes),
                                    nullptr);
    if (!m->section) return nullptr;
    m->base = reinterpret_cast<std::uintptr_t>(MapViewOfFile(m->section, FILE_MAP_WRITE, 0, 0, m->bytes));
    m->alias = reinterpret_cast<std::uintptr_t>(MapViewOfFile(m->section, FILE_MAP_WRITE, 0, 0, m->bytes));
    DWORD old = 0;
    if (!m->base || !m->alias || !VirtualProtect(reinterpret_cast<void*>(m->base), m->bytes, PAGE_NOACCESS, &old))
        return nullptr;
    return m;
}

std::unique_ptr<CallPages> carve(const std::shared_ptr<Mapping>& m, const SlotShape& shape, std::size_t index) {
    auto slot = std::make_unique<CallPages>();
    slot->shape = shape;
    slot->mapping = m;
    slot->bytes = slot_pages(shape) * page_size();
    slot->base = m->base + index * slot->bytes;
    slot->alias = m->alias + index * slot->bytes;
    return slot;
}

// A free slot of `shape`, or a new one (for the small shape, with spares
// put among the free ones). Called with registry_lock held exclusively.
std::unique_ptr<CallPages> take_slot_locked(const SlotShape& shape) {
    auto& spare = free_slots()[shape];
    if (!spare.empty()) {
        std::unique_ptr<CallPages> slot = std::move(spare.back());
        spare.pop_back();
        return slot;
    }
    const std::size_t count = shape == small_shape ? slots_per_mapping : 1;
    std::shared_ptr<Mapping> m = make_mapping(slot_pages(shape) * count);
    if (!m) return nullptr;
    for (std::size_t i = count - 1; i > 0; --i) spare.push_back(carve(m, shape, i));
    return carve(m, shape, 0);
}

std::unique_ptr<CallPages> take_slot(const SlotShape& shape) {
    AcquireSRWLockExclusive(&registry_lock);
    std::unique_ptr<CallPages> slot = take_slot_locked(shape);
    ReleaseSRWLockExclusive(&registry_lock);
    return slot;
}

}  // namespace

GuardedArguments::GuardedArguments(const CalloutInfo& callout, std::string_view dll, std::span<void* const> args) {
    count_ = std::min<std::size_t>(args.size(), 4);
    std::size_t sizes[4] = {};
    SlotShape shape{};
    bool any = false, small = true;
    const auto params = callout.parameters();
    for (std::size_t i = 0; i < count_; ++i) {
        pointers_[i] = args[i];
        if (args[i] && i < params.size()) sizes[i] = param_bytes(params[i], args[i]);
        shape[i] = static_cast<std::uint32_t>(pages_for(sizes[i]));
        any = any || sizes[i];
        small = small && shape[i] <= 1;
    }
    if (!any) return;  // nothing to guard (Init, Terminate)
    // Where faults arrive without their address the guard pages would turn
    // a write to an [in] argument into a fault of the callout: the DLL gets
    // the caller's own arguments, and the cases that need the guard pages
    // say they could not run (run_dynamic_inprocess.cpp).
    if (!faults_reported_faithfully()) return;
    std::unique_ptr<CallPages> pages = take_slot(small ? small_shape : shape);
    if (!pages) return;  // unguarded: the caller's own arguments
    const std::size_t page = page_size();
    pages->callout = &callout;
    pages->dll.assign(dll);
    pages->connection = 0;
    pages->count = count_;
    pages->write_count.store(0);
    std::uintptr_t cursor = pages->base + page;
    void* guarded[4] = {};
    for (std::size_t i = 0; i < count_; ++i) {
        GuardedArgument& a = pages->args[i];
        a = GuardedArgument{};
        if (!sizes[i]) {
            if (pages->shape[i]) cursor += (pages->shape[i] + 1) * page;
            continue;
        }
        a.param = params[i];
        a.structure = structure_of(a.param);
        a.original = args[i];
        a.read_only = !param_is_output(a.param, callout.id);
        // In a slot of the small shape every argument has its page and
        // guard page, present or not: the cursor moves by the slot's shape.
        const std::size_t run_bytes = pages->shape[i] * page;
        a.run = cursor;
        a.end = cursor + run_bytes;
        a.begin = a.end - sizes[i];
        // Written through the harness's view: the DLL's stays as the call
        // needs it, one protection change. What precedes the copy on its
        // first page reads as zeros, call after call.
        std::memset(pages->through_alias(a.run), 0, a.begin - a.run);
        std::memcpy(pages->through_alias(a.begin), args[i], sizes[i]);
        DWORD old = 0;
        if (!VirtualProtect(reinterpret_cast<void*>(a.run), run_bytes, a.read_only ? PAGE_READONLY : PAGE_READWRITE,
                            &old)) {
            VirtualProtect(reinterpret_cast<void*>(pages->base), pages->bytes, PAGE_NOACCESS, &old);
            return;  // unguarded: the caller's own arguments (the slot is dropped)
        }
        if (a.structure && !pages->connection) pages->connection = connection_handle(*a.structure, args[i]);
        guarded[i] = reinterpret_cast<void*>(a.begin);
        cursor = a.end + page;
    }
    for (std::size_t i = 0; i < count_; ++i)
        if (guarded[i]) pointers_[i] = guarded[i];
    pages->number = ++call_counter;
    pages_ = pages.release();
    AcquireSRWLockExclusive(&registry_lock);
    live().push_back(pages_);
    ReleaseSRWLockExclusive(&registry_lock);
}

GuardedArguments::~GuardedArguments() {
    if (pages_) finish();
}

std::vector<std::string> GuardedArguments::finish() {
    std::vector<std::string> writes;
    if (!pages_) return writes;
    CallPages* p = pages_;
    pages_ = nullptr;
    for (std::size_t i = 0; i < p->count; ++i) {
        const GuardedArgument& a = p->args[i];
        if (a.original && !a.read_only) std::memcpy(a.original, p->through_alias(a.begin), a.end - a.begin);
        pointers_[i] = a.original ? a.original : pointers_[i];
    }
    const std::uint32_t n = std::min<std::uint32_t>(p->write_count.load(), CallPages::max_writes);
    for (std::uint32_t k = 0; k < n; ++k) {
        char text[160];
        label(p->args[p->writes[k].arg], p->writes[k].offset, text, sizeof text);
        if (std::find(writes.begin(), writes.end(), text) == writes.end()) writes.emplace_back(text);
    }
    // ROBUST-5: every page of the call inaccessible in one change, so any
    // later access through a kept pointer faults and is attributed here.
    DWORD old = 0;
    VirtualProtect(reinterpret_cast<void*>(p->base), p->bytes, PAGE_NOACCESS, &old);
    std::unique_ptr<CallPages> dropped;  // destroyed outside the lock
    AcquireSRWLockExclusive(&registry_lock);
    auto& l = live();
    l.erase(std::remove(l.begin(), l.end(), p), l.end());
    auto& ring = retired();
    ring.emplace_back(p);
    if (ring.size() > retired_capacity) {
        std::unique_ptr<CallPages> oldest = std::move(ring.front());
        ring.pop_front();
        auto& spare = free_slots()[oldest->shape];
        // Slots of the small shape are never given back: there are only as
        // many as the ring and the calls in progress hold.
        if (oldest->shape == small_shape || spare.size() < free_per_shape) spare.push_back(std::move(oldest));
        else dropped = std::move(oldest);
    }
    ReleaseSRWLockExclusive(&registry_lock);
    return writes;
}

bool absorb_input_write(std::uintptr_t address, bool write) {
    if (!write) return false;
    bool absorbed = false;
    AcquireSRWLockShared(&registry_lock);
    for (CallPages* p : live()) {
        if (!p->contains(address)) continue;
        for (std::size_t i = 0; i < p->count && !absorbed; ++i) {
            const GuardedArgument& a = p->args[i];
            if (!a.read_only || address < a.run || address >= a.end) continue;
            // Bytes before the copy share its first page: a write there is
            // outside the argument, reported at its first field.
            const std::size_t offset = address < a.begin ? 0 : address - a.begin;
            const std::uint32_t k = p->write_count.fetch_add(1);
            if (k < CallPages::max_writes) p->writes[k] = {static_cast<std::uint8_t>(i), static_cast<std::uint32_t>(offset)};
            // Let the callout go on: later writes to this page are not seen,
            // one report per page and call is enough to fail ACCEPT-5.
            DWORD old = 0;
            const std::uintptr_t page = address & ~(static_cast<std::uintptr_t>(page_size()) - 1);
            absorbed = VirtualProtect(reinterpret_cast<void*>(page), page_size(), PAGE_READWRITE, &old) != 0;
        }
        break;
    }
    ReleaseSRWLockShared(&registry_lock);
    return absorbed;
}

bool describe_retired_access(std::uintptr_t address, bool write, char* detail, std::size_t capacity) {
    bool found = false;
    AcquireSRWLockShared(&registry_lock);
    const CallPages* p = nullptr;
    for (const auto& r : retired())
        if (r->contains(address)) p = r.get();
    for (const auto& [shape, slots] : free_slots())
        for (const auto& f : slots)
            if (!p && f->contains(address)) p = f.get();
    if (p) {
        char what[160] = "memory between the arguments";
        for (std::size_t i = 0; i < p->count; ++i) {
            const GuardedArgument& a = p->args[i];
            if (!a.original) continue;
            if (address >= a.begin && address < a.end) label(a, address - a.begin, what, sizeof what);
            else if (address >= a.end && address < a.end + page_size())
                std::snprintf(what, sizeof what, "memory past the end of %.*s",
                              a.structure ? static_cast<int>(a.structure->name.size()) : 64,
                              a.structure ? a.structure->name.data() : value_label(a.param));
        }
        char connection[40] = "";
        if (p->connection)
            std::snprintf(connection, sizeof connection, ", connection 0x%llx",
                          static_cast<unsigned long long>(p->connection));
        std::snprintf(detail, capacity, "%s of %s passed to %s's %.*s (call #%llu%s), after that call returned %.*s",
                      write ? "write" : "read", what, p->dll.c_str(), static_cast<int>(p->callout->name.size()),
                      p->callout->name.data(), static_cast<unsigned long long>(p->number), connection,
                      static_cast<int>(kept_pointer_tag.size()), kept_pointer_tag.data());
        found = true;
    }
    ReleaseSRWLockShared(&registry_lock);
    return found;
}

}  // namespace rasconform::win32
