package io.xenon.runtime.gnttab;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.runtime.mm.FramePool;
import io.xenon.runtime.mm.P2m;
import org.junit.jupiter.api.BeforeEach;

/**
 * The grant copy tests' two domains: the front end grants its frame {@link #TX_GFN} read-only as
 * {@link #TX} and {@link #RX_GFN} writable as {@link #RX} to the back end, Domain-0.
 */
abstract class GrantCopyFixture {

    static final DomId BACK = DomId.DOM0;
    static final DomId FRONT = DomId.of(5);
    static final GrantRef TX = new GrantRef(8);
    static final GrantRef RX = new GrantRef(9);
    static final long TX_GFN = 10;
    static final long RX_GFN = 11;

    final FramePool pool = new FramePool(16 * 1024);
    GrantTables tables;
    GrantTable front;

    @BeforeEach
    void grant() {
        tables = new GrantTables();
        tables.create(BACK, P2m.reserve(pool, 1024), 64);
        front = tables.create(FRONT, P2m.reserve(pool, 1024), 64);
        front.grantAccess(TX, BACK, TX_GFN, true);
        front.grantAccess(RX, BACK, RX_GFN, false);
    }
}
