package io.xenon.actors.backend;

/**
 * One device a back end serves, named by its back-end directory
 * {@code /local/domain/0/backend/<kind>/<frontDom>/<devid>}.
 */
public record BackendDevice(String kind, int frontDom, int devid) {

    /** The back end's directory. */
    public String backPath() {
        return "/local/domain/0/backend/" + kind + "/" + frontDom + "/" + devid;
    }

    /** The actor name: {@code vbd-3-51712}, as the architecture's tree names back ends. */
    public String actorName() {
        return kind + "-" + frontDom + "-" + devid;
    }

    /**
     * The device whose directory {@code path} is or lies under, or null if {@code path} is not
     * below a device directory.
     */
    public static BackendDevice ofPath(String path) {
        String prefix = "/local/domain/0/backend/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        String[] parts = path.substring(prefix.length()).split("/");
        if (parts.length < 3) {
            return null;
        }
        try {
            return new BackendDevice(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
