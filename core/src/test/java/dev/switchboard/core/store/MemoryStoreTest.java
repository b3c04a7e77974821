package dev.switchboard.core.store;

/** The delivery store contract, for the memory store. */
class MemoryStoreTest extends DeliveryStoreContract {

    @Override
    protected DeliveryStore open(ManualClock clock, BacklogLimits limits) {
        return new MemoryStore(clock, limits);
    }
}
