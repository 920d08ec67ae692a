#include "app/clock.h"

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

void OffsetClock::set(int64_t absolute) {
    offset_ = absolute - systemSeconds();
}

}  // namespace alin
