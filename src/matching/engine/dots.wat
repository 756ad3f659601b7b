;; Dot products of one int8 query with every row of an int8 slab, four at a time (SIMD).
;; dots(q, slab, rows, stride, out): out[r] = Σ_j q[j] · slab[r·stride + j] for j < stride, as i32.
;; stride is a multiple of 16 (rows are zero-padded); |sum| ≤ stride · 127² fits in i32.
;; Compiled by bench/matching/build-dots-wasm.ts into dots-wasm.ts (a test checks they agree).
(module
  (memory (export "memory") 1)
  (func (export "dots")
    (param $q i32) (param $slab i32) (param $rows i32) (param $stride i32) (param $out i32)
    (local $r i32) (local $j i32) (local $row i32) (local $acc v128) (local $a v128) (local $b v128)
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (local.set $row (i32.add (local.get $slab) (i32.mul (local.get $r) (local.get $stride))))
        (block $rowDone
          (loop $eachBlock
            (br_if $rowDone (i32.ge_u (local.get $j) (local.get $stride)))
            (local.set $a (v128.load (i32.add (local.get $q) (local.get $j))))
            (local.set $b (v128.load (i32.add (local.get $row) (local.get $j))))
            (local.set $acc
              (i32x4.add (local.get $acc)
                (i32x4.dot_i16x8_s
                  (i16x8.extend_low_i8x16_s (local.get $a))
                  (i16x8.extend_low_i8x16_s (local.get $b)))))
            (local.set $acc
              (i32x4.add (local.get $acc)
                (i32x4.dot_i16x8_s
                  (i16x8.extend_high_i8x16_s (local.get $a))
                  (i16x8.extend_high_i8x16_s (local.get $b)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $eachBlock)))
        (i32.store
          (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
            (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $eachRow)))))
