package portolan.sandbox.apps;

/**
 * A KeyFile is a private key saved as a file: a name, an owner and Unix permission bits. SSH
 * refuses a key file others may read (mode & 077 ≠ 0), as OpenSSH does; {@code chmod(0400)} fixes it.
 */
public final class KeyFile {
    private final String name;
    private final String owner;
    private final KeyPair key;
    private int mode;

    KeyFile(String name, String owner, int mode, KeyPair key) {
        this.name = name;
        this.owner = owner;
        this.mode = mode;
        this.key = key;
    }

    /** Sets the permission bits, e.g. {@code chmod(0400)}: read for the owner only. */
    public KeyFile chmod(int newMode) {
        if (newMode < 0 || newMode > 07777) {
            throw new IllegalArgumentException("chmod takes octal permission bits such as 0400, not " + newMode);
        }
        mode = newMode;
        return this;
    }

    public int mode() {
        return mode;
    }

    public String name() {
        return name;
    }

    public String owner() {
        return owner;
    }

    KeyPair key() {
        return key;
    }

    /** Null if SSH will use this file, else OpenSSH's complaint. */
    String problem() {
        if ((mode & 077) != 0) {
            return String.format("WARNING: UNPROTECTED PRIVATE KEY FILE! Permissions 0%o for '%s' are too open. It is "
                    + "required that your private key files are NOT accessible by others. This private key will be "
                    + "ignored. Fix: chmod(0400)", mode, name);
        }
        if ((mode & 0400) == 0) {
            return String.format("Load key \"%s\": Permission denied (mode 0%o: the owner cannot read it)", name, mode);
        }
        return null;
    }

    /** Like {@code ls -l}: mode, owner, name. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("-");
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) {
            s.append((mode >> i & 1) != 0 ? rwx.charAt(2 - i % 3) : '-');
        }
        return s + " " + owner + " " + name;
    }
}
