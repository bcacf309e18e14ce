package io.chainrule.ir.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.OpCode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The elementwise table: every elementwise op has a method of the right arity, and the table applies it. */
class ScalarFunctionsTest {

    /** Every op a fused loop computes element by element needs its method, taking operands then attributes. */
    @Test
    void everyElementwiseOpHasAMethodOfItsArity() {
        List<String> wrong = new ArrayList<>();
        for (OpCode op : OpCode.values()) {
            if (!ScalarFunctions.isScalar(op)) {
                continue;
            }
            for (DType dtype : List.of(DType.F32, DType.F64)) {
                Method m = ScalarFunctions.method(op, dtype);
                int attributes = (int) java.util.Arrays.stream(op.attrsType().getRecordComponents())
                        .filter(c -> c.getType() == double.class).count();
                if (m.getParameterCount() != op.arity() + attributes) {
                    wrong.add(op.text() + " " + dtype + ": " + m);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void appliesTheOpsFunctionWithItsAttributes() {
        assertEquals(-0.5, ScalarFunctions.apply(OpCode.LEAKY_RELU, DType.F64, new Attrs.Alpha(0.25), -2));
        assertEquals(3.0, ScalarFunctions.apply(OpCode.WHERE, DType.F64, Attrs.NONE, 1, 3, 4));
        assertEquals(4.0, ScalarFunctions.apply(OpCode.WHERE, DType.F64, Attrs.NONE, 0, 3, 4));
        assertEquals(1e-30, ScalarFunctions.apply(OpCode.LOG1P, DType.F64, Attrs.NONE, 1e-30));
        assertEquals(1.0, ScalarFunctions.apply(OpCode.GREATER, DType.I32, Attrs.NONE, 2, 1));
    }

    @Test
    void f32TanhIsFloatMathsAndF64TanhIsTheLibrarys() {
        float x = 0.3f;
        assertEquals((double) FloatMath.tanh(x), ScalarFunctions.apply(OpCode.TANH, DType.F32, Attrs.NONE, x));
        assertEquals(Math.tanh(x), ScalarFunctions.apply(OpCode.TANH, DType.F64, Attrs.NONE, x));
    }

    @Test
    void aHandleIsMadeOncePerOpDtypeAndAttributes() {
        // the interpreter asks for one per node per run; building it anew cost the sin(10x) step 30x its time
        assertSame(ScalarFunctions.handle(OpCode.LEAKY_RELU, DType.F32, new Attrs.Alpha(0.2)),
                ScalarFunctions.handle(OpCode.LEAKY_RELU, DType.F32, new Attrs.Alpha(0.2)));
    }

    @Test
    void opsThatAreNotElementwiseHaveNoFunction() {
        assertEquals("softmax is not elementwise", assertThrows(IllegalArgumentException.class,
                () -> ScalarFunctions.method(OpCode.SOFTMAX, DType.F32)).getMessage());
    }
}
