#include "mock/stress.hpp"

#include "mock/stub_admin_dll.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <random>
#include <set>
#include <thread>

namespace rasconform::mock {
namespace {

// Threads that run jobs as they come: the workers that make the callouts (a
// connection's successive callouts land on whichever worker is free, Q-1),
// and the threads that run the connections' scripts, one script after
// another (under Wine a thread costs milliseconds to start and end: a
// thread per connection was most of a stress run's time there).
class WorkerPool {
public:
    explicit WorkerPool(std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) threads_.emplace_back([this] { work(); });
    }
    ~WorkerPool() {
        {
            std::lock_guard lock(m_);
            stop_ = true;
        }
        cv_.notify_all();
        for (std::thread& t : threads_) t.join();
    }
    void submit(std::function<void()> job) {
        {
            std::lock_guard lock(m_);
            jobs_.push_back(std::move(job));
        }
        cv_.notify_one();
    }

private:
    void work() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(m_);
                cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
                if (jobs_.empty()) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            job();
        }
    }
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> threads_;
    bool stop_ = false;
};

struct Task {
    enum class State { running, requesting, granted, finished };
    State state = State::running;
    std::condition_variable granted;  // only this task waits on it
    std::uint64_t key = 0;  // serialization key of the pending request
    std::uint64_t seq = 0;
};

thread_local Task* current_task = nullptr;

class Scheduler final : public CallGate {
public:
    explicit Scheduler(std::size_t threads) : pool_(threads) {}

    std::uint64_t enter(std::size_t dll, Callout c) override {
        std::unique_lock lock(m_);
        if (!current_task) return ++seq_;  // the driver's own thread: nothing runs concurrently
        Task& t = *current_task;
        t.key = serialization_key(dll, c);
        t.state = Task::State::requesting;
        driver_.notify_one();
        t.granted.wait(lock, [&] { return t.state == Task::State::granted; });
        t.state = Task::State::running;
        return t.seq;
    }
    CallOutcome run(const std::function<CallOutcome()>& call) override {
        if (!current_task) return call();
        std::promise<CallOutcome> done;
        std::future<CallOutcome> outcome = done.get_future();
        pool_.submit([&] { done.set_value(call()); });
        return outcome.get();
    }
    void leave(std::size_t dll, Callout c) override {
        if (!current_task) return;
        std::lock_guard lock(m_);
        busy_.erase(serialization_key(dll, c));
        driver_.notify_one();
    }
    void continue_numbering(std::uint64_t last) override {
        std::lock_guard lock(m_);
        seq_ = last;
    }
    std::uint64_t last_number() const override {
        std::lock_guard lock(m_);
        return seq_;
    }
    void finished(Task& t) {
        std::lock_guard lock(m_);
        t.state = Task::State::finished;
        driver_.notify_one();
    }

    // The seeded decision loop; see stress.hpp for why it is reproducible.
    template <class Spawn>
    void drive(std::vector<Task*>& unfinished, std::uint64_t seed, Spawn spawn) {
        std::mt19937_64 rng(seed);
        std::unique_lock lock(m_);
        while (!unfinished.empty()) {
            std::size_t i = static_cast<std::size_t>(rng() % unfinished.size());
            Task* t = unfinished[i];
            driver_.wait(lock, [&] { return t->state == Task::State::requesting || t->state == Task::State::finished; });
            if (t->state == Task::State::finished) {
                unfinished.erase(unfinished.begin() + static_cast<std::ptrdiff_t>(i));
                lock.unlock();
                spawn();
                lock.lock();
                continue;
            }
            driver_.wait(lock, [&] { return busy_.count(t->key) == 0; });
            busy_.insert(t->key);
            t->seq = ++seq_;
            t->state = Task::State::granted;
            t->granted.notify_one();
        }
    }

private:
    mutable std::mutex m_;
    std::condition_variable driver_;  // the driver waits here; tasks and calls wake it
    std::set<std::uint64_t> busy_;
    std::uint64_t seq_ = 0;
    WorkerPool pool_;
};

std::uint64_t fnv1a(std::uint64_t h, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
        h ^= (v >> (8 * i)) & 0xff;
        h *= 0x100000001b3ull;
    }
    return h;
}

// One connection's life, drawn from its own seeded generator so that the
// script does not depend on which thread runs it.
void lifecycle(Service& service, ConnectionModel model, std::vector<LinkModel> extra_links, std::uint64_t draw,
               std::size_t& admitted, std::mutex& admitted_mutex) {
    std::mt19937_64 rng(draw);
    ConnectResult r = service.connect(model);
    if (!r.admitted) return;
    {
        std::lock_guard lock(admitted_mutex);
        ++admitted;
    }
    for (LinkModel& l : extra_links) service.add_link(r.connection, l);
    auto links = service.links_of(r.connection);
    if (links.size() > 1 && rng() % 4 == 0) service.drop_link(r.connection, links.front());  // ORDER-5
    if (rng() % 4 == 0) {
        auto state = static_cast<winabi::RAS_QUARANTINE_STATE>(rng() % 4);
        if (!service.reauthenticate(r.connection, state, {0x1000, 0x01db0000})) return;
    }
    switch (rng() % 4) {
    case 0: service.hang_up(r.connection, HangupCause::user); break;
    case 1: service.hang_up(r.connection, HangupCause::idle); break;
    case 2: service.hang_up(r.connection, HangupCause::admin); break;
    default:  // every link fails in turn; the last takes the connection down
        for (std::uint64_t port : service.links_of(r.connection)) service.drop_link(r.connection, port);
    }
}

}  // namespace

StressResult run_stress(Service& service, const StressOptions& options) {
    StressResult result;
    result.start = service.start();
    if (!result.start.started) return result;

    Scheduler scheduler(options.threads ? options.threads : 1);
    service.set_gate(&scheduler);
    std::deque<Task> tasks;
    std::vector<Task*> unfinished;
    std::size_t next = 0;
    std::mutex admitted_mutex;
    std::mt19937_64 scripts(options.seed ^ 0x5eed5eed5eed5eedull);
    // At most `concurrency` scripts are unfinished at once, and a script
    // only waits for the driver, never for a thread: as many threads as
    // that never leave a script waiting for one. Declared after what the
    // scripts use, so it is joined before that goes.
    WorkerPool script_threads(std::max<std::size_t>(1, std::min(options.concurrency, options.connections)));

    // Everything that must be reproducible (handles, scripts) is decided
    // here, on the driver's thread, in task order.
    auto spawn = [&] {
        if (next >= options.connections) return;
        ConnectionModel m;
        m.user = u"user" + to_utf16(std::to_string(next));
        m.tunnel = static_cast<TunnelType>(scripts() % 4);
        m.handle = service.new_handle();
        m.interface_handle = service.new_handle();
        LinkModel first;
        first.port_handle = service.new_handle();
        first.port_name = u"VPN" + to_utf16(std::to_string(next % 1000)) + u"-0";
        m.links.push_back(first);
        std::vector<LinkModel> extra(scripts() % 3);
        for (std::size_t k = 0; k < extra.size(); ++k) {
            extra[k].port_handle = service.new_handle();
            extra[k].port_name = first.port_name.substr(0, first.port_name.size() - 1) + to_utf16(std::to_string(k + 1));
        }
        std::uint64_t draw = scripts();
        Task& t = tasks.emplace_back();
        unfinished.push_back(&t);
        ++next;
        script_threads.submit([&service, &scheduler, &t, &result, &admitted_mutex, m, extra, draw] {
            current_task = &t;
            lifecycle(service, m, extra, draw, result.admitted, admitted_mutex);
            current_task = nullptr;
            scheduler.finished(t);
        });
    };
    for (std::size_t i = 0; i < options.concurrency && i < options.connections; ++i) spawn();
    scheduler.drive(unfinished, options.seed, spawn);

    service.set_gate(nullptr);
    service.stop();
    std::uint64_t digest = 0xcbf29ce484222325ull;
    for (const TraceEvent& e : service.trace()) {
        digest = fnv1a(digest, static_cast<std::uint64_t>(e.callout));
        digest = fnv1a(digest, std::hash<std::string>{}(e.dll));
        digest = fnv1a(digest, e.connection);
        digest = fnv1a(digest, e.link);
    }
    result.start_order_digest = digest;
    result.callouts = service.trace().size();
    return result;
}

StressScenario stress_scenario(AdminDllBackend& dll, const Options& options, const StressOptions& stress) {
    StubAdminDll peer(StubAdminDll::Policy::accept_all);
    // A profile with a single admin DLL (MULTI-1) has no other DLL to overlap with.
    std::vector<AdminDllBackend*> chain{&dll};
    if (options.profile->multiple_dlls) chain.insert(chain.begin(), &peer);
    Service service(chain, options);
    StressScenario out;
    out.result = run_stress(service, stress);
    for (const TraceEvent& e : service.trace())
        if (e.dll == dll.name() && !e.outcome.returned()) out.faults.push_back(e);
    return out;
}

}  // namespace rasconform::mock
