package portolan.kernel.jshell;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites snippet classes so that direct calls to {@code System.exit(int)},
 * {@code Runtime.exit(int)} and {@code Runtime.halt(int)} call the methods here instead,
 * which throw {@link ProgramExit}. Each replacement has the same stack effect as the call it
 * replaces, so no frame or size changes. Calls made by reflection or by library code are not
 * rewritten: those still end the worker, and the kernel then replaces it.
 */
public final class ExitGuard {

    private static final String SELF = "portolan/kernel/jshell/ExitGuard";

    private ExitGuard() {
    }

    /** Replaces {@code System.exit(status)} in snippet code. */
    public static void exit(int status) {
        throw new ProgramExit("System.exit", status);
    }

    /** Replaces {@code runtime.exit(status)} in snippet code. */
    public static void runtimeExit(Runtime runtime, int status) {
        java.util.Objects.requireNonNull(runtime);
        throw new ProgramExit("Runtime.exit", status);
    }

    /** Replaces {@code runtime.halt(status)} in snippet code. */
    public static void runtimeHalt(Runtime runtime, int status) {
        java.util.Objects.requireNonNull(runtime);
        throw new ProgramExit("Runtime.halt", status);
    }

    /** The class with its exit calls redirected; the same bytes when it has none. */
    static byte[] rewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                return new MethodVisitor(Opcodes.ASM9, next) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System")
                                && method.equals("exit") && desc.equals("(I)V")) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, SELF, "exit", "(I)V", false);
                        } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                                && (method.equals("exit") || method.equals("halt")) && desc.equals("(I)V")) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, SELF,
                                    method.equals("exit") ? "runtimeExit" : "runtimeHalt", "(Ljava/lang/Runtime;I)V", false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, itf);
                        }
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : classFile;
    }
}
