// The server's background jobs, each on its own thread while the server runs
// (AlinServer::run): the outbox drainer (app/outbox_delivery.h), when SMTP is
// configured, and the retention job (app/retention_service.h). Several
// servers on one database run them all: the storage makes that safe (leases
// on outbox rows, one warning row per account).
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace alin::server {

// A thread that runs `step` every `interval`, at once when woken, and again
// without waiting while `step` returns true (more work left). A step that
// throws is logged on stderr (the database away, ...) and tried at the next
// tick. The first step runs at start.
class PeriodicJob {
public:
    PeriodicJob(std::string name, std::chrono::milliseconds interval, std::function<bool()> step);
    ~PeriodicJob();  // stop() and join
    PeriodicJob(const PeriodicJob&) = delete;
    PeriodicJob& operator=(const PeriodicJob&) = delete;

    void wake();
    void stop();

private:
    void loop();

    std::string name_;
    std::chrono::milliseconds interval_;
    std::function<bool()> step_;
    std::mutex mutex_;
    std::condition_variable changed_;
    bool woken_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace alin::server
