#include "app/clock.h"

#include <algorithm>
#include <chrono>

namespace alin {

namespace {
int64_t systemSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}
}  // namespace

int64_t SystemClock::now() const {
    return systemSeconds();
}

int64_t OffsetClock::now() const {
    return systemSeconds() + offset_.load();
}

void OffsetClock::advanceClamped(int64_t seconds) {
    int64_t offset = offset_.load();
    while (true) {
        const int64_t system = systemSeconds();
        int64_t target = 0;
        if (__builtin_add_overflow(system + offset, seconds, &target)) target = seconds > 0 ? INT64_MAX : INT64_MIN;
        target = std::clamp(target, kTestClockMin, kTestClockMax);
        if (offset_.compare_exchange_weak(offset, target - system)) return;
    }
}

void OffsetClock::set(int64_t absolute) {
    offset_ = absolute - systemSeconds();
}

}  // namespace alin
