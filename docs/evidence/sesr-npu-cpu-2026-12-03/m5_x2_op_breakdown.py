from collections import Counter
from jaxeff.nets import sesr_npu as S
for pf in S.NPU_PLATFORMS:
    v = S.vela(S.int8_graph(S.sesr_graph("M5", 2, (138, 138)), out_range=(0.0, 1.0)), pf)
    c = Counter()
    for la in v.layers: c[la.original_op] += la.cycles
    tot = sum(c.values()); print(pf, v.cycles, {k: round(x / tot, 3) for k, x in c.items()}, "sram_kib", v.sram_kib)
