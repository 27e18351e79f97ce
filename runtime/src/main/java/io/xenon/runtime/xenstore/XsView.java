package io.xenon.runtime.xenstore;

/**
 * The store as one operation sees it: the committed tree, or a transaction's private copy laid
 * over it. Keyed by absolute path, flat as C xenstored's node database is.
 */
interface XsView {

    /** The node at this path, or null. */
    XsNode get(String path);

    /** Stores a node at this path, created or replaced. */
    void put(String path, XsNode node);

    /** Deletes the node at this path (its children are the caller's business). */
    void remove(String path);

    /** How many nodes the domain owns, as this view sees it. */
    int ownedBy(int domid);

    /** A fresh generation count for a node being changed. */
    long nextGeneration();
}
