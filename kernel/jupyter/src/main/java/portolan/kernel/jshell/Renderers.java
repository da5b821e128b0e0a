package portolan.kernel.jshell;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.imageio.ImageIO;
import portolan.kernel.core.MimeBundle;

/**
 * The renderer registry: turns any object into a Jupyter MIME bundle, for {@code display(...)}
 * and for the value of a cell's last expression.
 *
 * <p>Three sources, in this order: a renderer registered with {@link #register} for the
 * object's class (or a supertype; the latest registration wins), then built-ins
 * ({@link BufferedImage} to {@code image/png}), then the <em>rendering convention</em>: an
 * object may declare public no-arg methods {@code String toHtml()}, {@code String toSvg()},
 * {@code String toMarkdown()}, {@code String toLatex()}, {@code String toJson()} (a JSON text)
 * and/or {@code Map<String, ?> toMimeBundle()} (MIME type to a {@code String}, or a
 * {@code byte[]} or {@code BufferedImage} for {@code image/png}). The convention needs no
 * dependency on the kernel, which is why the sandbox uses it. {@code text/plain} always comes
 * from {@code toString()} unless the bundle gives one.
 *
 * <p>A renderer that throws does not fail the cell: the object is shown as text, with a short
 * note saying which method failed and why.
 */
public final class Renderers {

    /** What rendering produced: the bundle, and notes for the learner (renderers that failed). */
    public record Rendering(MimeBundle bundle, List<String> notes) {
    }

    private record Entry(Class<?> type, Function<Object, ?> renderer) {
    }

    private static final List<Entry> REGISTERED = new CopyOnWriteArrayList<>();

    /** Convention methods per class, found once: the lookup is reflection, rendering is frequent. */
    private static final ClassValue<Map<String, Method>> CONVENTION = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            return conventionMethods(type);
        }
    };

    private static final Map<String, String> METHOD_TYPES = new LinkedHashMap<>();

    static {
        METHOD_TYPES.put("toHtml", "text/html");
        METHOD_TYPES.put("toSvg", "image/svg+xml");
        METHOD_TYPES.put("toMarkdown", "text/markdown");
        METHOD_TYPES.put("toLatex", "text/latex");
        METHOD_TYPES.put("toJson", "application/json");
        METHOD_TYPES.put("toMimeBundle", "");
    }

    private Renderers() {
    }

    /**
     * Registers how to show instances of {@code type} (and its subtypes): {@code renderer}
     * returns a {@code Map} of MIME type to value (as {@code toMimeBundle()} does), a value made
     * by {@code html(...)}, {@code svg(...)} and friends, or a plain {@code String} (shown as HTML).
     */
    public static <T> void register(Class<T> type, Function<? super T, ?> renderer) {
        if (type == null || renderer == null) {
            throw new IllegalArgumentException("Renderers.register needs a class and a function, e.g."
                    + " Renderers.register(Point.class, p -> html(\"<b>\" + p + \"</b>\"))");
        }
        @SuppressWarnings("unchecked")
        Function<Object, ?> f = (Function<Object, ?>) renderer;
        REGISTERED.add(0, new Entry(type, f));
    }

    /** Forgets every registered renderer (e.g. on {@code %reset}). */
    public static void clear() {
        REGISTERED.clear();
    }

    /** Renders {@code value}; {@code plain} is its text when known (JShell's), else toString() is used. */
    public static Rendering render(Object value, String plain) {
        List<String> notes = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        if (value != null) {
            collect(value, data, notes);
        }
        JsonObject json = new JsonObject();
        Object text = data.remove("text/plain");
        if (text instanceof String s) {
            json.addProperty("text/plain", s);
        } else {
            json.addProperty("text/plain", plain != null ? plain : safeToString(value, notes));
        }
        for (Map.Entry<String, Object> e : data.entrySet()) {
            put(json, e.getKey(), e.getValue(), notes);
        }
        return new Rendering(new MimeBundle(json, new JsonObject()), List.copyOf(notes));
    }

    private static void collect(Object value, Map<String, Object> data, List<String> notes) {
        for (Entry e : REGISTERED) {
            if (e.type().isInstance(value)) {
                try {
                    Object out = e.renderer().apply(value);
                    addResult(out, data, "text/html");
                    if (out instanceof Display.Rich) {
                        data.remove("text/plain"); // the object's own text, not the wrapper's
                    }
                } catch (RuntimeException | LinkageError failure) {
                    notes.add("the renderer registered for " + e.type().getSimpleName() + " failed ("
                            + describe(failure) + "); showing the text form");
                }
                return;
            }
        }
        if (value instanceof BufferedImage image) {
            data.put("image/png", image);
            return;
        }
        for (Map.Entry<String, Method> m : CONVENTION.get(value.getClass()).entrySet()) {
            try {
                Object out = m.getValue().invoke(value);
                if (out != null) {
                    addResult(out, data, METHOD_TYPES.get(m.getKey()));
                }
            } catch (InvocationTargetException failure) {
                notes.add(value.getClass().getSimpleName() + "." + m.getKey() + "() threw "
                        + describe(failure.getCause()) + "; showing the other forms");
            } catch (ReflectiveOperationException | RuntimeException failure) {
                notes.add(value.getClass().getSimpleName() + "." + m.getKey() + "() could not be called ("
                        + describe(failure) + ")");
            }
        }
    }

    /** Adds a renderer's answer: a map (a bundle), a wrapped value, or a string of {@code type}. */
    private static void addResult(Object out, Map<String, Object> data, String type) {
        if (out instanceof Display.Rich rich) {
            data.putAll(rich.toMimeBundle());
        } else if (out instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() instanceof String k && e.getValue() != null) {
                    data.put(k, e.getValue());
                }
            }
        } else if (out instanceof MimeBundle bundle) {
            bundle.data().entrySet().forEach(e -> data.put(e.getKey(), e.getValue()));
        } else if (!type.isEmpty()) {
            data.put(type, out instanceof String s ? s : String.valueOf(out));
        }
    }

    /** One entry into the wire form: strings as is, PNG base64, JSON parsed. */
    private static void put(JsonObject json, String type, Object value, List<String> notes) {
        try {
            if (value instanceof JsonElement element) {
                json.add(type, element);
            } else if (value instanceof BufferedImage image) {
                json.addProperty(type, Base64.getEncoder().encodeToString(png(image)));
            } else if (value instanceof byte[] bytes) {
                json.addProperty(type, Base64.getEncoder().encodeToString(bytes));
            } else if (type.equals("application/json") || type.endsWith("+json")) {
                json.add(type, JsonParser.parseString(String.valueOf(value)));
            } else {
                json.addProperty(type, String.valueOf(value));
            }
        } catch (RuntimeException bad) {
            notes.add("the " + type + " form could not be used (" + describe(bad) + ")");
        }
    }

    /** PNG bytes of an image (javax.imageio). */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalArgumentException("this BufferedImage type cannot be written as PNG");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Map<String, Method> conventionMethods(Class<?> type) {
        Map<String, Method> found = new LinkedHashMap<>();
        for (String name : METHOD_TYPES.keySet()) {
            try {
                Method m = find(type, name);
                if (Modifier.isStatic(m.getModifiers()) || m.getReturnType() == void.class) {
                    continue;
                }
                if (!name.equals("toMimeBundle") && m.getReturnType() != String.class) {
                    continue;
                }
                if (name.equals("toMimeBundle") && !Map.class.isAssignableFrom(m.getReturnType())) {
                    continue;
                }
                try {
                    m.setAccessible(true); // JShell's classes are nested in wrappers; a JDK class may refuse.
                } catch (RuntimeException refused) {
                    // Public methods of public classes need no help.
                }
                found.put(name, m);
            } catch (NoSuchMethodException absent) {
                // Not part of this class's convention.
            }
        }
        return found;
    }

    /** A public method, or one declared without {@code public} (easy to forget in a notebook). */
    private static Method find(Class<?> type, String name) throws NoSuchMethodException {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException notPublic) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    return c.getDeclaredMethod(name);
                } catch (NoSuchMethodException next) {
                    // Look further up.
                }
            }
            throw notPublic;
        }
    }

    private static String safeToString(Object value, List<String> notes) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            notes.add("toString() threw " + describe(e));
            return value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value));
        }
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
