#include "background_jobs.h"

#include <cstdio>
#include <ctime>
#include <exception>

namespace alin::server {

PeriodicJob::PeriodicJob(std::string name, std::chrono::milliseconds interval, std::function<bool()> step)
    : name_(std::move(name)), interval_(interval), step_(std::move(step)) {
    thread_ = std::thread([this] { loop(); });
}

PeriodicJob::~PeriodicJob() {
    stop();
    if (thread_.joinable()) thread_.join();
}

void PeriodicJob::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    changed_.notify_all();
}

void PeriodicJob::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
}

void PeriodicJob::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        woken_ = false;
        lock.unlock();
        bool more = false;
        try {
            more = step_();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s: %s (tried again later)\n", name_.c_str(), e.what());
        }
        lock.lock();
        if (more) continue;
        changed_.wait_for(lock, interval_, [this] { return stopping_ || woken_; });
    }
}

}  // namespace alin::server
