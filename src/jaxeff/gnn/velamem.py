"""Vela's SRAM use from a graph, by Vela's own memory rules (issue 22, SRAM).

The PerfSAGE SRAM label is Vela 5.2's "Total SRAM used" (``--memory-mode
Shared_Sram``, :mod:`jaxeff.gnn.labels`). A plain liveness peak of the TFLite
tensors (:func:`jaxeff.gnn.bounds.live_bytes`) misses it in two systematic ways,
both read off Vela's ``--verbose-schedule`` output (documented in
``docs/RESULTS.md``, session 18):

1. **Feature-map layout.** Vela stores an intermediate feature map produced and
   consumed by NPU operators in the NHCWB16 brick layout, whose channel count is
   padded to a multiple of 16 (a 64x64x8 int8 map takes 64 KiB, not 32). Graph
   inputs and outputs stay NHWC, as does a map whose shape a consumer reinterprets
   (RESHAPE, a FULLY_CONNECTED on a spatial map), a CONCATENATION along channels at
   offsets that are not multiples of 16 (and its inputs), and the output of an
   element-wise operator with a channel count that is not a multiple of 16 (the
   rules of Vela's ``check_format_restrictions`` / ``avoid_nhcwb16_for_ofm``,
   simplified). RESHAPE / SQUEEZE / EXPAND_DIMS are memory-only: their output
   shares their input's buffer.
2. **Weight buffering.** With ``--optimise Performance`` and an unlimited arena
   (the Shared_Sram default), Vela copies an operator's encoded weights from flash
   (U55) or DRAM (U65) into an SRAM buffer when the copy is fast enough to pay:
   here when ``W / b + L <= c``, with ``W`` the encoded weight bytes, ``c`` the
   operator's cycles, and ``(b, L)`` a bandwidth and latency per platform
   (:data:`BUFFERING`). A buffered operator holds its buffer while it runs, and the
   first slice of the next buffered operator's weights is fetched ("pre-buffered")
   while it runs.

The estimate is ``max_k fm(k) + buf(k) + pre(k')``, the feature maps live at
operator ``k`` plus its weight buffer plus the pre-buffered slice of the next
buffered operator ``k'``. With Vela's own per-operator buffers and maps (read
from ``--verbose-schedule``) this form reproduces the label to a median 0.03 %
and a maximum of 14 % over the 76 (model, NPU) pairs of the shared and held-out
real models, and 0.003 % / 12 % over 188 pairs of 150 training graphs; the
feature-map rule alone matches Vela's feature-map peak to the byte on 10 of the 11
validation models that Vela maps fully (keras_lstm_mnist: +16 B) and to a median
of 0 % on 150 training graphs.

What is ours [U]: the simplified layout rule; in-place reuse (an element-wise
operator's output takes over an input of the same size that dies there, as Vela's
"ifm reuse" does); a PAD in front of a convolution or pooling costs nothing (Vela
folds it into the consumer's padding); a PRELU holds one extra map while it runs
(Vela lowers it to MUL, MUL, MAXIMUM); the operator order is the TFLite order
(Vela may reorder independent branches); the buffering test and its constants
(``b, L`` chosen on a grid by the SRAM MAPE of this estimate on 500 graphs of the
training split of the session-16 training set, mix12, random split seed 0, with
roofline cycles: U55 b = 1.5 B / cycle, L = 0, U65 b = 3.75, L = 64; the surface
is flat within 0.1 % MAPE around them; the larger U55 ``b`` than Vela's 1 B / cycle flash
absorbs Vela's weight compression, about 0.75x on our random weights, and the
roofline's underestimate of the cycles); the encoded weight size
(``param bytes + 6 x C_out``: int8 weights plus 10 B of scale and bias per output
channel in place of the int32 bias); the pre-buffered slice
(``min(1, c_prev / (W / b + L))`` of the weights, at least 16 channels). The
operator cycles ``c`` come from the caller; by default the roofline of
:func:`jaxeff.gnn.bounds.node_prior` (no learning, the compute-bound time without
the weight stream, which is what the copy must hide under).

**Rule "refetch" (session 20; the default until session 30).** Vela 5.2 compiles with
its C++ backend (``ethosu.regor``), not the Python ``scheduler.py``. There a weight
buffer is taken only when the buffered operator is no slower; when the weights are read
once (one OFM block) that is the test above, and when they are re-read per OFM block
buffering pays and Vela's slack / slice arithmetic sizes it (:func:`refetch_buffers`).
Ours [U]: an OFM of at most :data:`ONE_BLOCK_AREA` pixels stands for "one block" (Vela's block
configuration is not modelled), the block depth 16, and the constants
(:data:`BUFFERING_SLICED`), all chosen on the same 500 training graphs: SRAM MAPE
11.2 / 13.0 % (U55 / U65) against the own-cycles rule's 12.0 / 13.5 %, validation max
unchanged (docs/RESULTS.md, session 20).

**Concatenation in place (session 20, rule L, with rule "refetch").** Vela writes a
CONCATENATION input whose only consumer is the concatenation straight into the output and
copies in a shared one (a GhostNet trace); ``feature_map_live(concat_in_place=True)``.
On the 66 training graphs with a CONCATENATION the SRAM median falls from 5.0 to 0.3 %;
validation is unchanged.

**Session 22 candidates (selectable, none adopted; the default stays "refetch").** Read
from regor's ``Scheduler::ProposeSlicedWeightBuffering`` and
``ArchEthosU55::FindBlockConfig`` (the public Vela sources):

* "blocks": a convolution's weights are re-read once per OFM block in height x width
  (regor's ``weightsRefetch``), the block coming from a search over the SHRAM's IFM and
  accumulator banks. :func:`ofm_block` ports that search (no constant; it gives Vela's
  printed refetch count on every convolution of 12 real models checked on both NPUs,
  ``docs/evidence/perfsage-cpu-2026-12-05-s22/sram_blocks_check.md``), and "one block"
  becomes :func:`weight_refetches` == 1 instead of :data:`ONE_BLOCK_AREA`.
* "prev": a whole-weight buffer of the own-cycles branch is kept only when its copy also
  fits under the previous scheduled operator (regor drops a buffer that makes the
  operator slower, and a one-slice copy the previous operator does not hide does).
* "_dw": the default cycles run a DEPTHWISE_CONV_2D at ``P / 8`` (:data:`DW_IFM_LANES`).
* "_q": the later depth slices are rounded up to the OFM block depth (regor's
  ``RoundAway(bufferingDepth, configBlockDepth)``), not to 16.

Tried in the order blocks, prev, blocks_prev, blocks_dw, blocks_prev_dw,
blocks_prev_dw_q, blocks_dw_q. On the evaluation set V2 (69 real models, session 22,
``sram_v2.md``) every one with "blocks" or "prev" cuts LinkNet's U55 miss (+77.9 %) to
0.0 %, and "blocks_prev_dw_q" raises the U55 count within 10 % from 61 to 62, but each
loses U65 models within 10 % (57 -> 54 or 55): among them ResNet-50, where Vela runs a
stage's shortcut convolution before the branch that precedes it in the TFLite order (so
our slack for it is wrong), and HarDNet-68 (not traced). The pre-registered rule adopted
none.

**Session 30: Vela's execution order** (rules "vorder", "vorder_cat", "vorder_cat_smx").
The feature maps above live by the TFLite operator order; Vela runs its operators in the
order of a depth-first walk from the graph's outputs (:func:`vela_order`). Where the two
differ the live maps differ: Coucke's keyword spotter sums 24 skip convolutions after
its last gated layer, so Vela holds all 24 gated maps (292 KiB) where the TFLite order
holds one (36 KiB). Each of the three is rule "refetch" on the operators renumbered in
that order; "vorder_cat" enters a CONCATENATION's inputs first input first [U]. The
first two passed the pre-registered rule of session 22 on the 187 real models of V14 (within 10 %:
145 / 135 with "refetch", 150 / 140 with "vorder", 152 / 142 with "vorder_cat", U55 /
U65), so "vorder_cat" became the default, although "vorder" agrees with Vela's printed
order more often. Then **"vorder_cat_smx"** (the same, and while a SOFTMAX runs the
temporaries of Vela's lowering of it, :func:`softmax_bytes`, in place of its input and
output) passed the same rule on the 195 models of V15 (within 10 %: 158 / 147 -> 159 /
148; the Attention U-Net -64.5 -> 0.0 %) and was the default until session 31.

**Session 31: "vorder_cat_smx_lin", the default** (:data:`DEFAULT_RULE`; chosen on the 200
real models of V16 by session 22's pre-registered rule: within 10 % 164 / 153 -> 166 /
155, above 50 % 9 / 12 -> 6 / 9, max 106.2 -> 96.0 %; only the three LeNets move;
``docs/RESULTS.md``, session 31). Read off Vela 5.2's ``--verbose-schedule`` of LeNet-1 / -4 / -5 (V16):
the first convolution's fused RELU is not fused back ("Conv2D - OFM 1, 28, 28, 6 ...
sub-operations: -", then "Relu - OFM 1, 21, 14, 16 ... Memory Used: 4704 bytes (op=0, ...,
nl=4704)"): Vela runs it alone on the map reshaped to a wider depth, so the convolution's
output (28 x 28 x 6 = 4,704 B) and the RELU's, written in place, stay NHWC, and the next
MaxPool reads 4,704 B, not the brick layout's 12,544 (regor's ``SchedulerPacking::CanPack``
refuses to pack an activation whose shape no longer matches). Probed on int8 NetBuilder
graphs: CONV_2D and DEPTHWISE_CONV_2D with a fused RELU / RELU6, or a standalone RELU,
on 2, 4, 6 channels are not fused and stay NHWC; on 8, 10, 12, 16, 20, 24 they are fused
(NHCWB16); a FULLY_CONNECTED 1 x 1 x 6 with RELU is fused; an ADD with RELU is fused (it
is NHWC already). The rule is "vorder_cat_smx" with :func:`feature_map_live`'s
``narrow_linear``. Ours [U]: the threshold "fewer than 8 channels" from that sweep, the
"more than one position" condition, RELU_N1_TO_1 treated as RELU, and the producers
limited to the two probed. LeNet-4 / -5 SRAM error +106.2 / +69.1 -> -4.9 / -3.6 % (both
NPUs); LeNet-1 +81.4 -> -27.5 % (its remaining miss is not the layout).

**Session 32: "vorder_cat_smx_lin_split"**, the :data:`DEFAULT_RULE` since its
pre-registered choice on V18 (``docs/evidence/perfsage-cpu-2026-12-06-s32/sram_v18.md``).
Vela 5.2 splits a CONV_2D with a stride above 3 on either axis and no padding
(:func:`split_convs`) into one stride-1 operation per output pixel (session 31,
``diag_stride4.md``). Read off its ``--verbose-schedule`` (``diag_split_sram.md``: four
validation models and 19 int8 probes, both NPUs): every sub-operation holds the whole
encoded weights in one SRAM buffer ("Single", whatever the roofline says), next to the
full IFM and OFM; the IFM is NHWC even when it is an intermediate map; with a fused
activation the sub-operations write the OFM in the brick layout and a separate
activation operator follows. The rule is "vorder_cat_smx_lin" with, for each such
convolution, its weight buffer :func:`split_weight_bytes` (``encoded_weight_bytes x (1 +``
:data:`SPLIT_EXPANSION` ``/ sqrt(C_in))``, nothing pre-buffered), its input maps NHWC and,
with a fused activation, its output held as NHCWB16 while it runs
(``feature_map_live(split=True)``). Ours [U]: the expansion factor (Vela encodes
narrow-input kernels larger than their int8 bytes: 1.4 x at ``C_in`` = 1; read off the
probes' "Encoded Weights", within 6 % for ``C_in`` <= 24, 16 % high at 32 and 64); the
activation operator's own step and the split convolution's true cycles (the next
operator's slack) are not modelled. On graphs without such a convolution it is the
default exactly. Probes: within 4 % of Vela (+13 / +16 % at ``C_in`` = 32 / 64) where the
default misses by up to 97 %; V18 (``sram_v18.md``): within 10 % 171 / 158 -> 175 / 162
(U55 / U65), the four cnn-*stride4/8 models -97.7 ... -19.4 % -> +0.4 ... +1.9 %.

**Session 32, addendum 2: "vorder_cat_smx_lin_split_u65buf"**, the :data:`DEFAULT_RULE`
since its pre-registered choice on V18 (``sram_v18b.md``; its parts were picked while
looking at V18, said in ``diag_u65_buffer.md``). Read off Vela 5.2's ``--verbose-schedule`` on the U65 (``Ethos_U65_High_End``:
weights in DRAM, 16 B x clock scale 0.234375 = 3.75 B per cycle, read latency 500 cycles;
SRAM 16 B per cycle) of eight V18 models and 24 int8 probes, and regor's
``ProposeSlicedWeightBuffering`` (``docs/evidence/perfsage-cpu-2026-12-06-s32/diag_u65_buffer.md``):
Vela copies an operator's whole encoded weights into one SRAM buffer ("Single") when the
copy ``T = W / 3.75 + 500`` cycles hides under the previous operator's cycles (regor's
slack) and, for weights read once, does not make the operator slower
(``T + W / 16 <= `` its own cycles, regor's ``fullTransferCycles + weightReadCycles``
test). The copy runs while the previous operator runs: the buffer is live there and at the
operator, not earlier (the default holds a pre-buffered slice from the previous buffered
operator on). On the U55 (flash, 1 B per cycle) such a copy rarely hides; the rule leaves it
as the default. The rule is "vorder_cat_smx_lin_split" with, on the U65, that test first
for every weighted operator (:func:`refetch_buffers` ``whole_prebuffer``), the whole buffer
held under the previous operator only (``held``), SPLIT / SPLIT_V passing the slack through
(Vela runs no operation for them), a FULLY_CONNECTED's cycles ``17.7 x C_out + W / 8``
(:data:`FC_CHANNEL_CYCLES`; the roofline's MACs / P is far below Vela's) and, after one more
than two 128-deep blocks deep, the slack of one block (regor slices it). Ours [U]: the FC
cycle form (a least-squares fit to Vela's printed cycles of 18 FCs, 10 of the probes and 8
of five V18 models' traces; within about 30 %) and our encoded weight size, both of which
decide a test that Vela itself passes or fails by a few percent (a 1024 -> 64 -> 256 FC
chain fails Vela's own check by 0.3 %, passes ours: +1,743 % there); the 50 % pre-buffer of a compute-bound convolution whose copy is more than half
hidden (OverFeat, Tiny-YOLOv2: Vela holds 8.4 MB) and regor's refusal to slice such an
operator into many slices are not modelled (tried: V18 within 10 % fell, 164 -> 160; WRN-16-4's
trace contradicts the second). V18 (``sram_v18b.md``): within 10 % 175 / 162 -> 175 / 164,
median 0.58 / 0.92 -> 0.58 / 0.51 %, above 50 % 5 / 9 -> 5 / 7, max unchanged (U55 / U65).

**Session 32, addendum 4: candidate "vorder_cat_smx_lin_split_u65buf_spslack"** (selectable, not the
default): the default with the operator after a split convolution given the slack of one of its per-pixel
sub-operations, not the whole convolution's cycles (Vela pre-buffers nothing under the last one-pixel
sub-operation; wav2vec_enc_16000 +32.8 -> +9.5 / +12.8 %, ``diag_u55_fresh.md``, ``sram_v20.md``).

**Session 33: candidates "..._u65buf_vcyc" and "..._u65buf_spslack_vcyc"** (selectable, not
the default): the slack and own-cycle tests use :func:`vela_cycles` (pooling, transposed
convolution and fully connected operators at the work Vela does for them, read off 24
synthetic probes, ``diag_cycles33.txt``) in place of the roofline, and a PAD that Vela folds
into its consumer passes the slack through (``refetch_buffers(pad_through=True)``); the
second adds "_spslack". Written for the U55 misses of ``diag_u55_fresh.md`` (a whole weight
copy under a slow pooling, FC or transposed convolution; a folded PAD breaking the chain).

**Session 33, addendum 2: candidates "..._spslack_vslack_1xw" and "..._1xwh"** (selectable, not the
default; ``docs/evidence/perfsage-cpu-2026-12-06-s33/diag_1xw.md``). Read off Vela 5.2's
``--verbose-schedule --verbose-allocation`` of VDCNN-9 and the large Char-CNN (V21) and 17 int8 1 x W
probes: Vela's OFM block is at most 64 wide (62 for a 3-tap conv on C_in >= 64), so a 1 x 65 ... 1 x 128
map (one block by :data:`ONE_BLOCK_AREA` on the U55) spans 2-3 blocks; its weights are re-read per block
and Vela double-buffers depth slices (VDCNN's 1 x 128 x 512 convs: 91 KB, not ours 791 KB whole plus
the next conv's 590 KB pre-buffered). The rule: on an OFM one pixel high or wide ("_1xw"), or one pixel
high only ("_1xwh", TFLite's ``[1, 1, W, C]`` 1-D layout), "one block" is :func:`weight_refetches` == 1
(session 22's port of Vela's block search; no new constant) instead of the area threshold; everything
else is the default (``refetch_buffers(row_blocks=...)``). Ours [U]: the sliced buffer sizes stay the
default's (Char-CNN's 1 x 330 conv: ours 64-channel slices, Vela 160; the U55 miss goes +138 -> -33 %),
and Vela streams a refetched conv unbuffered where the re-reads hide under it (TextCNN's 54 x 1 maps, C_in
1), which "_1xw" does not model: "_1xwh" (written after "_1xw"'s V21 table) leaves W x 1 maps out.

**Session 33, addendum 3: candidates "..._1xwh_dwc" and "..._1xwh_bigact"** (selectable, not the default;
``docs/evidence/perfsage-cpu-2026-12-06-s33/diag_v22.md``), read off Vela 5.2's ``--verbose-schedule
--verbose-allocation`` of QuartzNet 5x5 and SoundNet-8 (V22). "_dwc": Vela runs a DEPTHWISE_CONV_2D at one
kernel tap of one OFM micro-block per cycle (:func:`depthwise_cycles`: QuartzNet's 1 x 128 x 512, 87-tap one
362,324 cycles, ours 356,352, the roofline 44,544) and an ADD / SUB / MUL at its ``output_cycles_per_elem``
table (:data:`ELEMENTWISE_CYCLES`, read from Vela's ``architecture_features.py``; printed exactly); these
enter :func:`vela_cycles` and so only the "_vslack" whole-weight test: a depthwise conv after a residual ADD,
and the pointwise conv after it, then hold their whole weights (Vela's "Single") and the 1 x 1 conv to 1024
after them gets the full slack (Vela 502,912 B of weights in two slices; the default 66,848). "_bigact": a
CONV_2D / DEPTHWISE_CONV_2D with a fused activation on a map with a side above :data:`NPU_DIM_MAX` (Vela's
``tens_dim_range``): Vela runs 1,723 sub-operations and then the activation alone, NHWC to NHWC, so its
output is held twice (SoundNet's 2 x 1,764,016 B; ``feature_map_live(big_act=True)``). No constant fitted;
ours [U]: the micro-block form for every depthwise conv (checked on QuartzNet's six kernel sizes, 0.85-0.98
x Vela's), the element-wise table without its block / activation terms, and the doubled output in place of
the inputs dying there.

**Session 33, addendum 5: candidates "..._dwc_bigact_wlive" and "..._dwc_bigact_ublk"** (selectable, not the
default; ``docs/evidence/perfsage-cpu-2026-12-06-s33/diag_v23.md``), read off Vela 5.2's ``--verbose-allocation`` of
ResNet-18 / PreAct ResNet-18 / VGG-16-CIFAR and MarbleNet (V23). "_wlive": Vela's allocation gives an operator two
time steps; a weight buffer fetched under the previous operator lives from that one's last step, so the next
operator's first slice is held under the scheduled operator just before it (VGG-16's U55 peak: not under the conv
before a MaxPool), and an operator cut into exactly two depth slices has freed its first slice's buffer at its
last step, where the next operator's buffer is fetched (ResNet-18's U65 peak: 16x16x128 conv's second slice
35,376 B + the next conv's Single 137,808 B + maps 131,072 B = 304,256); ``refetch_buffers(last_slice=, under=)``,
``fm + max(buf, last + under + held)``. "_ublk": on the U65, the whole-weight test's slack, its "no slower" own
cycles and the first depth slice's slack use Vela's cycles (:func:`vela_cycles` with "_dwc", and
:func:`conv_ublock_cycles`: a CONV_2D at one 2 x 2 x 8 OFM micro-block x 8 IFM channels per tap and cycle, so a
map one pixel high takes twice the roofline; MarbleNet's 1 x 64 pointwise convs, Vela 3,746, ours 4,096 cycles).
No constant fitted (the micro-block from :data:`SHRAM`); ours [U]: two-slice-only freeing (three or more keep both
buffers, as Vela's traces show), the micro-block form for every CONV_2D.

**Session 34 (helper diag44): candidates "..._wlive_vblk" and "..._wlive_vblk_dom"** (selectable, not the default;
``docs/evidence/perfsage-cpu-2026-12-06-s34/diag_vggish.md``), read off Vela 5.2's ``--verbose-schedule
--verbose-allocation`` of VGGish (families XLIV; U55 +250.4 %) and five int8 VGG-tail probes. Vela's U55 OFM block of a
3 x 3 convolution on 32 or more IFM channels covers at most 64 px (the SHRAM's banks; VGGish's 12 x 8 x 512
convs: ``OFM Block=[1, 8, 8, 16]``, two blocks), so a 65-128 px map that :data:`ONE_BLOCK_AREA` calls one block has its weights re-read per block and Vela double-buffers
16-channel slices (68,384 / 134,464 B), where the default buffers the whole 1.18 MB and pre-buffers 56 % of the next
conv's 2.36 MB under it. "_vblk": an OFM within :data:`ONE_BLOCK_AREA` is one block only when :func:`weight_refetches`
== 1 too (session 22's port of Vela's block search; no new constant), else it takes the sliced branch
(``refetch_buffers(area_blocks="vblk")``). "_vblk_dom" (written after "_vblk"'s V25 table, TextCNN's 54 x 1 maps): and
such a newly refetched convolution buffers nothing when its Vela-shaped cycles (:func:`conv_ublock_cycles`,
:func:`depthwise_cycles`) reach the cycles of streaming its weights once per block (:data:`WEIGHT_STREAM`, vela.ini's
flash / DRAM rate), regor's "op-cycle dominated" case in which buffering cannot make the operator faster. Ours [U]: the
sliced sizes stay the default's (the sliced arithmetic, fitted for large maps, gives micronet's 25 x 5 maps smaller
slices than Vela's 90 %-of-the-weights ones); the streaming test only for the newly refetched convolutions, without
regor's startup-delay compensation. VGGish U55 +250.4 -> +10.5 % (the rest: our encoded weights 9 % above Vela's and a
three-slice buffer Vela frees at the operator's last step); U65 unchanged (+9.7 %: Vela's 12 x 8 block is the map).

**Session 35 (helper diagsegan): candidates "..._vblk_dom_bdq" and "..._vblk_dom_bdq_vis"** ("_bdq_vis" the default
since section 1's choice on V26, ``sram_v26.md``; "_bdq" failed there; ``docs/evidence/perfsage-cpu-2026-12-07-s35/diag_segan.md``), read off Vela 5.2's ``--verbose-schedule
--verbose-allocation`` of the SEGAN generator (family XLV; U55 -27.6 %, U65 +57.5 %) and regor's
``ProposeSlicedWeightBuffering``. "_bdq": regor rounds a sliced convolution's later depth slices up to its OFM block depth;
the decoder's 1 x 31 stride-2 transposed convs run in U55 blocks 32 deep (``OFM Block=[1, 1, 64, 32]``), so Vela double-buffers
two 32-channel slices (902,208 B of 1,801,328) where the default's 16-channel step holds two 16-channel ones; the rule is
session 22's ``block_depth`` slice arithmetic (:func:`ofm_block`'s depth; no new constant). "_bdq_vis": and regor takes a
depth-sliced buffer only when the convolution is no slower with it; on the U65 SEGAN's 1 x 128 ... 1 x 256 convs take about as
long as reading their weights once per block from DRAM (op-cycle dominated), so the first slice's copy that the operator
before does not hide rejects the buffer (Vela: "None"); the rule drops a sliced buffer whose visible copy cycles exceed the
weight-read cycles it saves (``refetch_buffers(visible=True)``; :data:`WEIGHT_STREAM`, the U65's DRAM latency, regor's
:data:`STARTUP_DELAY_CYCLES`). Ours [U]: our slice edges, encoded weight size (11-13 % above Vela's compressed one, which
decides SEGAN's op-cycle-dominated test by a few percent) and cycles. SEGAN U55 -27.6 -> +8.0 %; U65 +57.5 -> +57.5 (L1) /
+44.5 % (L2: the 1 x 256 x 128 transposed conv stays buffered).

**Session 44 (outcome 7): "..._sact2_psl", the :data:`DEFAULT_RULE`** (PSL; ``refetch_buffers(split_pool_slack=True)``).
A pool Vela splits into one operation per output pixel (:func:`split_pools`, stride above 3) leaves the operator after it
the slack of one sub-operation, as a split convolution does ("_spslack"): regor's slack is the cycles of the NPU operation
just before. Read off DeepSEA on the U65 (``docs/evidence/perfsage-cpu-2026-12-08-s44/diag_sram44.md``: a 4 / 4 pool run
as 248 operations of 818 cycles; velamem had hidden a 1,110,240 B sliced buffer under all of them; +228.7 -> +0.0 %),
chosen on V46S (347 real models, ``sram_v46s.md``; five models move, all toward Vela). Session 41's S2 is
:data:`S2_RULE`.

Length (about 1,760 lines): the buffering rules (two adopted in turn, seven session-22
candidates kept selectable so their V2 table reproduces) and the port of Vela's OFM
block search share the graph walk, the feature-map layout and the memory sum, and
the execution order, the split convolutions and the U65 whole-weight buffers (session
32) renumber, reweigh or re-buffer the same graph; session 33's Vela-shaped cycles
(:func:`vela_cycles`) only change the slack those rules read, and its candidates stay
selectable so every table of its pre-registration reproduces (as session 34's, which only re-route small maps
between the same branches, and session 35's, which resize or drop the same sliced buffers); they are one estimate with
several policies, not several modules.

Known misses on those training graphs (U55 / U65: median error 1.4 / 1.6 %, MAPE
10.7 / 12.3 %, 3.4 / 5.2 % of graphs over 50 %; with no buffering the MAPE is
225 / 123 %): the ``edge`` space's depth-multiplier and TRANSPOSE graphs
(tens of KiB, where Vela rewrites the operators), ``detect`` heads with many
small maps (+60-100 %), and ``kws`` CNNs whose wide first convolution Vela buffers
although the roofline says the copy does not fit (-65-79 %).
"""
from __future__ import annotations

import dataclasses
import functools

import numpy as np

from jaxeff.gnn.bounds import _COL, _ITEMSIZE, PEAK, live_bytes

__all__ = ["BUFFERING", "BUFFERING_SLICED", "Buffering", "DEFAULT_RULE", "ONE_BLOCK_AREA", "S2_RULE",
           "RULES", "depthwise_cycles", "encoded_weight_bytes", "feature_map_live", "node_sram_bytes",
           "split_pools",
           "PREBUFFER", "conv_ublock_cycles", "refetch_buffers", "roofline_cycles", "scheduled_ops", "split_convs",
           "split_weight_bytes", "sram_bytes", "codec_weight_bytes", "half_pixel_x2_resizes",
           "softmax_bytes", "vela_cycles", "vela_order", "weight_buffers"]

MEMORY_ONLY = frozenset({"RESHAPE", "SQUEEZE", "EXPAND_DIMS"})
ELEMENTWISE = frozenset({"ADD", "SUB", "MUL", "MAXIMUM", "MINIMUM",
                         "SQUARED_DIFFERENCE"})
IN_PLACE = ELEMENTWISE | frozenset({"LOGISTIC", "TANH", "HARD_SWISH", "LEAKY_RELU",
                                    "RELU", "RELU6", "ABS"})
PAD_FUSING = frozenset({"CONV_2D", "DEPTHWISE_CONV_2D", "AVERAGE_POOL_2D", "MAX_POOL_2D"})
WEIGHTED = frozenset({"CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED",
                      "TRANSPOSE_CONV"})


@dataclasses.dataclass(frozen=True)
class Buffering:
    """The weight-buffering test of one platform: buffer when
    ``W / bytes_per_cycle + latency <= c`` (module doc)."""

    bytes_per_cycle: float
    latency: float


BUFFERING = {  # fitted on 500 training graphs' SRAM labels [U] (module doc)
    "u55": Buffering(1.5, 0.0),  # vela.ini flash: 8 B x clock scale 0.125 = 1 B / cycle
    "u65": Buffering(3.75, 64.0),  # vela.ini DRAM: 16 B x 0.234 = 3.75 B / cycle
}
#: rule "refetch" (session 20, rule K): an OFM of at most this many pixels is one block
#: (weights read once); and the transfer constants of the sliced branch. Both chosen on a
#: grid by SRAM MAPE on the 500 training graphs of :data:`BUFFERING` [U]
ONE_BLOCK_AREA = {"u55": 128, "u65": 64}
BUFFERING_SLICED = {"u55": Buffering(1.25, 256.0), "u65": Buffering(5.0, 0.0)}
#: "own" (session 18: buffer whole weights when the copy fits under the operator's own
#: cycles), "refetch" (session 20, the default until session 30: that rule for an OFM of
#: one block, Vela's slack / slice rule for larger ones; module doc), the session-22
#: candidates, session 30's to 32's rules in Vela's execution order (:data:`DEFAULT_RULE`) and
#: session 32's U65 whole-weight candidate ("..._u65buf", module doc); later sessions' candidates
#: (module doc), session 34's "..._vblk" / "..._vblk_dom", then session 35's "..._vblk_dom_bdq" /
#: "..._vblk_dom_bdq_vis" last
RULES = ("own", "refetch", "blocks", "prev", "blocks_prev", "blocks_dw", "blocks_prev_dw",
         "blocks_prev_dw_q", "blocks_dw_q", "vorder", "vorder_cat", "vorder_cat_smx",
         "vorder_cat_smx_lin", "vorder_cat_smx_lin_split", "vorder_cat_smx_lin_split_u65buf",
         "vorder_cat_smx_lin_split_u65buf_spslack", "vorder_cat_smx_lin_split_u65buf_vcyc",
         "vorder_cat_smx_lin_split_u65buf_spslack_vcyc", "vorder_cat_smx_lin_split_u65buf_vslack",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xw",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_bigact",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_ublk",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_ublk",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool_cb",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool_cb_pcat",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool_cb_rsz",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool_cb_rsz_ew1",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool_cb_rsz_ew1_enc",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool_cb_rsz_ew1_hpx",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool_cb_rsz_ew1_lut_hpx",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool_cb_rsz_ew1_lut_hpx_sact",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool_cb_rsz_ew1_lut_hpx_sact2",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool_cb_rsz_ew1_lut_hpx_sact2_pbt",
         "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
         "_spool_cb_rsz_ew1_lut_hpx_sact2_psl")
#: the rule of :func:`sram_bytes` and :func:`node_sram_bytes` unless one is named: since
#: session 31 "vorder_cat_smx_lin" (rule "refetch" in Vela's execution order, CONCATENATION
#: inputs first input first, Vela's SOFTMAX temporaries, and clamp activations on fewer
#: than 8 channels run unfused on NHWC maps), chosen in three steps on 187, 195 and 200
#: real models by the pre-registered rule of session 22 (docs/RESULTS.md, sessions 30-31);
#: since session 32 "vorder_cat_smx_lin_split" (and the convolutions with a stride above
#: 3 that Vela splits per output pixel: whole encoded weights buffered, NHWC input, brick
#: output under a fused activation), chosen by the same rule on 210 real models (V18);
#: then (addendum 2) "vorder_cat_smx_lin_split_u65buf" (and on the U65 the whole weights
#: of an operator whose DRAM copy hides under the previous operator), chosen the same way;
#: since session 33 "vorder_cat_smx_lin_split_u65buf_spslack_vslack" (and the slack of one
#: sub-operation after a split convolution; and Vela's cycles, :func:`vela_cycles`, as the
#: slack of the whole-weight fetch of a convolution whose weights are re-read per OFM block,
#: a folded PAD passing it through), chosen in two steps on V20 (221 real models) by the same
#: rule (``docs/evidence/perfsage-cpu-2026-12-06-s33/sram_v20_s33.md``); then (addendum 2)
#: "..._vslack_1xwh" (on an OFM one pixel high, Vela's own OFM block count decides "one
#: block"), chosen the same way on V21 (``sram_v21.md``); then (addenda 3-4) "..._1xwh_dwc_bigact"
#: (Vela's depthwise and element-wise cycles in the whole-fetch slack; an activation Vela runs
#: apart after a convolution with a side above 65,535 holds its output twice), chosen the same
#: way on V22 (``sram_v22.md``, ``sram_v22b.md``); then (addendum 5) "..._dwc_bigact_wlive" (the
#: lifetimes of Vela's weight buffers: a fetched buffer held under the operator just before its
#: user, a two-slice operator's first slice freed at its last step), chosen the same way on V23
#: (``sram_v23.md``); then (session 34, addendum 2) "..._wlive_vblk_dom" (on the U55 Vela's own
#: OFM block count decides whether a small 2-D map is "one block", and a convolution whose
#: compute covers the streaming of its weights once per block gets no weight buffer), chosen
#: the same way on V25 (``docs/evidence/perfsage-cpu-2026-12-06-s34/sram_v25.md``); then
#: (session 35, section 1) "..._vblk_dom_bdq_vis" (a sliced weight buffer's later slices rounded
#: up to Vela's OFM block depth; a sliced buffer dropped where the copy it leaves visible costs
#: more cycles than the weight reads it saves), chosen the same way on V26
#: (``docs/evidence/perfsage-cpu-2026-12-07-s35/sram_v26.md``); then (session 36, addendum 6)
#: "..._bdq_vis_1rd" (an elementwise output takes over an input's buffer only when that input
#: has a single reader), chosen the same way on V28
#: (``docs/evidence/perfsage-cpu-2026-12-07-s36/sram_v28.md``); then (session 37, addendum 7)
#: "..._1rd_spool" (the input of a pool Vela splits per output pixel stays NHWC, as a split
#: convolution's), chosen the same way on V31
#: (``docs/evidence/perfsage-cpu-2026-12-07-s37/sram_v31.md``); then (session 38, section 1)
#: "..._1rd_spool_cb" (that NHWC layout carried back through a standalone activation that Vela
#: fuses into its producer), chosen the same way on V33
#: (``docs/evidence/perfsage-cpu-2026-12-07-s38/sram_v33.md``); then (addendum 4)
#: "..._spool_cb_rsz" (a x2^k bilinear resize held as Vela's chain of x2 upscales with
#: brick intermediates), chosen the same way on V33 (``sram_v33r.md``); then (addendum 6)
#: "..._rsz_ew1" (element-wise maps NHWC only on one channel, as Vela 5.2's C++ core holds
#: them), chosen the same way on V33 (``sram_v33e.md``); then (session 39 addendum 4) "..._ew1_lut_hpx"
#: (a half-pixel x2 bilinear resize's output, and a standalone LUT activation on fewer than 8
#: channels with its input, held NHWC, as Vela writes them), chosen the same way on V33
#: (``docs/evidence/perfsage-cpu-2026-12-07-s39/sram_v33h.md``; tied with "_hpx" alone, the
#: pre-registered tie-break taking the one whose layouts agree with Vela's on 22 more maps);
#: since session 41 (outcome 2) "..._lut_hpx_sact2" (S2: the separate activation step after a
#: convolution Vela splits per output pixel holds its brick map and its NHWC output, where
#: that output is not rewritten in place), chosen the same way on V41, 326 real models
#: (``docs/evidence/perfsage-cpu-2026-12-07-s41/sram_v41b.md``); since session 44 (outcome 7) "..._sact2_psl" (PSL: the
#: operator after a pool Vela splits per output pixel sees the slack of one sub-operation), chosen the same way on V46S,
#: 347 real models (``docs/evidence/perfsage-cpu-2026-12-08-s44/sram_v46s.md``; DeepSEA's U65 +228.7 -> 0.0 %)
DEFAULT_RULE = ("vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom"
                "_bdq_vis_1rd_spool_cb_rsz_ew1_lut_hpx_sact2_psl")
#: session 41's default (S2), the reference of session 43's and 44's SRAM candidates
S2_RULE = DEFAULT_RULE.removesuffix("_psl")
#: rule "refetch" also writes sole-consumer CONCATENATION inputs in place
#: (``feature_map_live(concat_in_place=True)``; session 20, rule L)
CONCAT_IN_PLACE = True
FUSABLE_ACTIVATIONS = frozenset({"RELU", "RELU6", "RELU_N1_TO_1", "LEAKY_RELU",
                                 "LOGISTIC", "TANH"})
ACT_PRODUCERS = frozenset({"CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED",
                           "TRANSPOSE_CONV", "ADD", "SUB", "MUL", "AVERAGE_POOL_2D",
                           "MAX_POOL_2D"})
SLICED = frozenset({"CONV_2D", "DEPTHWISE_CONV_2D", "TRANSPOSE_CONV"})
#: rule "vorder_cat_smx_lin" (session 31): a clamp activation (RELU, RELU_N1_TO_1, RELU6;
#: codes 1-3 of ``fused_activation_function``) on a map of fewer than
#: :data:`NARROW_CHANNELS` channels and more than one position, fused into one of
#: :data:`NARROW_ACT_PRODUCERS` or standalone, keeps its input and output NHWC (module doc)
CLAMP_ACTIVATIONS = frozenset({"RELU", "RELU_N1_TO_1", "RELU6"})
#: candidate "*_lut" (Lx, session 39 addendum 4): the activations Vela 5.2 runs as a LUT
#: operation; standalone on fewer than :data:`NARROW_CHANNELS` channels it runs unfused on
#: the reshaped map, NHWC in and out, as the clamp activations of "_lin" do
LUT_ACTIVATIONS = frozenset({"LEAKY_RELU", "TANH", "LOGISTIC", "HARD_SWISH"})
CLAMP_CODES = frozenset({1, 2, 3})
NARROW_ACT_PRODUCERS = frozenset({"CONV_2D", "DEPTHWISE_CONV_2D"})
NARROW_CHANNELS = 8
#: rule "vorder_cat_smx_lin_split" (session 32): Vela 5.2 splits a CONV_2D
#: whose stride exceeds this on either axis (VALID, or SAME without padding) into one
#: operation per output pixel (:func:`split_convs`, module doc)
SPLIT_STRIDE = 3
#: the encoded weight bytes of a split CONV_2D are :func:`encoded_weight_bytes` times
#: ``1 + SPLIT_EXPANSION / sqrt(C_in)`` [U: read off Vela's "Encoded Weights" of 10
#: synthetic int8 probes, C_in 1 ... 64; ``docs/evidence/perfsage-cpu-2026-12-06-s32/
#: diag_split_sram.md``]
SPLIT_EXPANSION = 0.45
#: rule "vorder_cat_smx_lin_split_u65buf" (session 32, the default): the DRAM that holds an
#: Ethos-U65's weights in Shared_Sram, as Vela 5.2's ``vela.ini`` configures it
#: (``Ethos_U65_High_End``: 16 B per DRAM cycle x clock scale 0.234375 = 3.75 B per NPU
#: cycle, read latency 500 cycles); the U55 is left out (its flash weights follow the
#: default). Used by :func:`refetch_buffers` (``whole_prebuffer``, module doc)
PREBUFFER = {"u65": Buffering(3.75, 500.0)}
#: candidate "*_vblk_dom" (session 34): the bytes per NPU cycle Vela 5.2 streams weights at from where they are
#: stored in Shared_Sram (``vela.ini``: U55 High_End_Embedded off-chip flash, 8 B x clock scale 0.125; U65
#: High_End DRAM, 16 B x 0.234375)
WEIGHT_STREAM = {"u55": 1.0, "u65": 3.75}
#: candidate "*_bdq_vis" (session 35): regor's ``STARTUP_DELAY_CYCLES`` (``ProposeSlicedWeightBuffering``): an
#: op-cycle-dominated operator's visible weight-transfer cycles below this many per depth slice count as scheduling
#: noise (not as a slowdown)
STARTUP_DELAY_CYCLES = 1000.0
#: the bytes per cycle the NPU reads buffered weights from SRAM (vela.ini: 16 B x scale 1;
#: Vela's "Design peak SRAM bandwidth", 14.90 GB/s at 1 GHz)
SRAM_WEIGHT_BYTES_PER_CYCLE = 16.0
#: operators Vela 5.2 runs as views of their input (no NPU operation; rule "*_u65buf")
SLICE_VIEWS = frozenset({"SPLIT", "SPLIT_V"})
#: rule "*_u65buf": Vela 5.2's cycles of a FULLY_CONNECTED on the U65, about
#: ``17.7 x C_out + W / 8`` [U: a least-squares fit to its printed "Cycles" of 18
#: FULLY_CONNECTEDs (10 int8 probes, 8 of five V18 models' traces; Vela's outputs, no SRAM
#: label), within about 30 %; diag_u65_buffer.md]
FC_CHANNEL_CYCLES = 17.7
FC_WEIGHT_BYTES_PER_CYCLE = 8.0
#: rule "*_u65buf": the OFM block depth of a FULLY_CONNECTED on the U65 (Vela's "OFM
#: Block=[1, 2, 2, 128]"); regor slices one more than two blocks deep
FC_BLOCK_DEPTH = 128
#: candidates "*_vcyc" (session 33): the pooling operators, which Vela 5.2 runs at about
#: ``P / POOL_TAP_DIVISOR`` kernel taps per cycle (``OFM elements x kh x kw x 32 / P``
#: cycles; U55 3.2-4.0, U65 5.2-7.9 taps per cycle on seven synthetic probes,
#: ``docs/evidence/perfsage-cpu-2026-12-06-s33/diag_cycles33.txt``) [U: read off probes]
POOL_OPS = frozenset({"MAX_POOL_2D", "AVERAGE_POOL_2D"})
POOL_TAP_DIVISOR = 32.0
#: candidate "*_dwc" (session 33, addendum 3): Vela's cycles per OFM element of an int8
#: element-wise operator, its ``output_cycles_per_elem`` table (``architecture_features.py``,
#: Ethos_U55_128 and Ethos_U65_256: "advanced" ADD / SUB index 5, MUL index 3); Vela 5.2 prints
#: exactly these for QuartzNet's ADDs (98,304 / 49,152 cycles for 1 x 128 x 512)
ELEMENTWISE_CYCLES = {"u55": {"ADD": 1.5, "SUB": 1.5, "MUL": 0.75},
                      "u65": {"ADD": 0.75, "SUB": 0.75, "MUL": 0.375}}
#: candidate "*_bigact" (session 33, addendum 3): the largest tensor dimension the NPU takes
#: (Vela's ``tens_dim_range = (1, 65535)``, ``tflite_supported_operators.py``)
NPU_DIM_MAX = 65535


def _platform(platform: str) -> str:
    if platform not in BUFFERING:
        raise ValueError(f"platform must be one of {sorted(BUFFERING)}, got {platform!r}")
    return platform


def _graph(rec: dict):
    x = np.asarray(rec["x"], np.float64)
    n = int(rec["n_ops"])
    ops = list(rec.get("ops", ()))
    if len(ops) != n:
        raise ValueError(f"record needs 'ops' (one op type per operator): got {len(ops)} "
                         f"names for {n} operators")
    s = np.asarray(rec["senders"], np.int64)
    r = np.asarray(rec["receivers"], np.int64)
    cons: list[list[int]] = [[] for _ in range(len(x))]
    prods: list[list[int]] = [[] for _ in range(len(x))]
    for a, b in zip(s.tolist(), r.tolist(), strict=True):
        cons[a].append(b)
        prods[b].append(a)
    return x, n, ops, cons, prods


def _is_const(x: np.ndarray, n: int, v: int) -> bool:
    return v >= n and x[v, _COL["log_act_bytes"]] == 0


def _channel_concat(x: np.ndarray, v: int) -> bool:
    return int(round(x[v, _COL["axis"]])) in (-1, 3)


def half_pixel_x2_resizes(rec: dict) -> np.ndarray:
    """Per operator ``[n_ops]`` bool, candidate "*_hpx" (H, session 39 addendum 4): a
    RESIZE_BILINEAR with ``half_pixel_centers`` whose output is exactly twice its feature
    input on both axes. The flag is read from the record's TFLite graph
    (``rec["half_pixel_x2"]`` where a caller or :func:`node_sram_bytes` has set it, else
    ``rec["graph"]``); a record with neither gives all False."""
    n = int(rec["n_ops"])
    if "half_pixel_x2" in rec:
        return np.asarray(rec["half_pixel_x2"], bool)[:n].copy()
    g = rec.get("graph")
    out = np.zeros(n, bool)
    if g is None or not hasattr(g, "ops") or len(g.ops) != n:
        return out
    x, _, ops, _, prods = _graph(rec)
    for v in range(n):
        if ops[v] != "RESIZE_BILINEAR" or not g.ops[v].options.get("half_pixel_centers"):
            continue
        p = _feature_input(x, n, prods, v)
        if p is not None and all(int(round(x[v, _COL[f"shape{i}"]])) == 2 * int(round(x[p, _COL[f"shape{i}"]]))
                                 for i in (1, 2)):
            out[v] = True
    return out


def feature_map_live(rec: dict, concat_in_place: bool = False,
                     softmax_lowered: bool = False, narrow_linear: bool = False,
                     split: bool = False, big_act: bool = False,
                     one_reader: bool = False, split_pool: bool = False,
                     carry_back: bool = False, pool_concat_copy: bool = False,
                     resize_chain: bool = False, ew_one: bool = False,
                     lut_narrow: bool = False, half_pixel_x2: bool = False,
                     split_act: bool = False, split_act_copy: bool = False) -> np.ndarray:
    """Per operator, the feature-map bytes Vela keeps live while it runs ``[n_ops]``
    (float64): every non-constant tensor from its producer to its last consumer (a
    graph input from step 0, a graph output to the last step), in Vela's layout
    (NHCWB16 channels padded to 16, module doc), 16-byte aligned, memory-only
    operators sharing their input's buffer. ``concat_in_place`` (session 20, rule L):
    a CONCATENATION input that is an operator's output consumed only by that
    CONCATENATION is written straight into the output (no buffer of its own; the
    output lives from its producer on), as Vela 5.2 schedules it; a shared input is
    copied in. ``softmax_lowered`` (rule "vorder_cat_smx", session 30): while a SOFTMAX
    runs, the temporaries of Vela's lowering of it (:func:`softmax_bytes`) stand in
    place of its input (where the SOFTMAX is its last consumer) and its output.
    ``narrow_linear`` (rule "vorder_cat_smx_lin", session 31): the output of an operator
    with a clamp activation on fewer than 8 channels (fused into a CONV_2D /
    DEPTHWISE_CONV_2D, or a standalone RELU / RELU6 / RELU_N1_TO_1 and then its input
    too) stays NHWC, as Vela runs that activation unfused on the map reshaped.
    ``split`` (rule "vorder_cat_smx_lin_split", session 32): the input map of a CONV_2D
    that Vela splits into one operation per output pixel (:func:`split_convs`) stays
    NHWC, and while such a convolution with a fused activation runs, its output is held
    in the brick layout (the sub-operations write an NHCWB16 map that a separate
    activation operator then rewrites), in place of the output's own layout.
    ``big_act`` (candidate "*_bigact", session 33 addendum 3): a CONV_2D / DEPTHWISE_CONV_2D
    with a fused activation whose input or output map has a side above :data:`NPU_DIM_MAX`
    (Vela decomposes it into sub-operations and runs the activation as an operation of its
    own, NHWC map to NHWC map): after it, its output is held twice, in place of its inputs
    that die there. ``one_reader`` (candidate "*_1rd", session 36 addendum 6): an
    elementwise / activation output takes over an input's buffer only when that input has
    a single reader (Vela's ifm reuse as ResUNet's allocation logs and five probes show
    it, ``diag_sram36.md``), not merely when it is the input's last reader.
    ``split_pool`` (candidate "*_spool", session 37 addendum 7): the input map of an
    AVERAGE_POOL_2D / MAX_POOL_2D that Vela splits into one operation per output pixel
    (:func:`split_pools`) stays NHWC too, as ``split`` keeps a split convolution's
    (Chambon et al. 2018, ``docs/evidence/perfsage-cpu-2026-12-07-s37/diag_chambon37.md``).
    ``carry_back`` (candidate "*_spool_cb", N1', session 38 section 1; with ``split_pool``):
    that NHWC layout is carried back through a standalone activation (an ``IN_PLACE``
    operator that is not elementwise) all of whose readers are split pools, into its
    feature input when the activation is that input's only reader: Vela fuses the
    activation into its producer and the two share one NHWC buffer (TSception,
    ``docs/evidence/perfsage-cpu-2026-12-07-s37/diag_tsception37.md``).
    ``pool_concat_copy`` (candidate "*_spool_cb_pcat", N2, the same section): a split
    pool read by a CONCATENATION is not written into it in place but holds an output
    buffer of its own up to the CONCATENATION (Vela copies it in with a MemoryCopy), and
    the CONCATENATION's buffer is live from just after its first such producer.
    ``resize_chain`` (candidate "*_rsz", R, session 38 addendum 4): a RESIZE_BILINEAR whose
    output is ``2^k`` times its input on both axes, ``k >= 2``, runs as ``k`` chained x2
    upscales whose intermediate maps are NHCWB16; while it runs, its input + output are
    replaced by the largest step input + step output along the chain (with the input
    too where a later reader keeps it), never less
    (``docs/evidence/perfsage-cpu-2026-12-07-s38/diag_sram38.md``: ContextNet-14's x8 head).
    ``ew_one`` (candidate "*_ew1", E1, session 38 addendum 6): the element-wise clause (an
    element-wise operator on C % 16 != 0 channels keeps its output and inputs NHWC, Vela's
    legacy Python scheduler) acts only on one channel, as Vela 5.2's C++ core holds such
    maps (``diag_ew38.md``: 238 of 313 element-wise maps on C % 16 != 0 channels in bricks,
    the NHWC ones on one channel). ``lut_narrow`` (candidate "*_lut", Lx, session 39
    addendum 4; with ``narrow_linear``): the standalone activations of
    :data:`LUT_ACTIVATIONS` join the clamp activations of ``narrow_linear`` (``diag_sram39.md``:
    22 of 22 such maps in V33 NHWC in Vela). ``half_pixel_x2`` (candidate "*_hpx", H): the
    output of a RESIZE_BILINEAR with ``half_pixel_centers`` that is exactly 2x its input on both
    axes (:func:`half_pixel_x2_resizes`) stays NHWC: Vela writes it with four strided 2 x 2
    depthwise convolutions (33 of 33 such outputs in V33 NHWC). ``split_act`` (candidate
    "*_sact", S, session 41 addendum 1; with ``split``): the separate activation operation
    that follows a split convolution with a fused activation has a step of its own, in
    which the sub-operations' brick map and the activation's output (in its own layout)
    are both live and the convolution's inputs that die there are not; that step is
    counted at the convolution's node (``docs/evidence/perfsage-cpu-2026-12-07-s41/``
    ``PREREGISTERED.md``: M18's peak, two copies of its 1 x 7,981 x 64 stem output).
    ``split_act_copy`` (candidate "*_sact2", S2, addendum 3; with ``split_act``): only
    where that output is not held in the brick layout (NHWC for its readers); a brick
    output is rewritten in place, as Vela does in ``cnn_tstride4``, and adds nothing."""
    x, n, ops, cons, prods = _graph(rec)
    acts = CLAMP_ACTIVATIONS | LUT_ACTIVATIONS if lut_narrow else CLAMP_ACTIVATIONS
    hpx = half_pixel_x2_resizes(rec) if half_pixel_x2 else np.zeros(n, bool)
    splits = split_convs(rec) if split else np.zeros(n, bool)
    psplits = split_pools(rec) if split_pool else np.zeros(n, bool)
    carried = np.zeros(n, bool)  # N1': NHWC carried back through a fused activation
    if carry_back:
        for v in range(n):
            if ops[v] in IN_PLACE and ops[v] not in ELEMENTWISE and cons[v] and all(
                    c < n and psplits[c] for c in cons[v]):
                for p in prods[v]:
                    if p < n and not _is_const(x, n, p) and set(cons[p]) == {v}:
                        carried[p] = True
    nn_ = len(x)
    shape = x[:, [_COL[f"shape{i}"] for i in range(4)]].astype(np.int64)
    item = np.ones(nn_)
    for d, b in _ITEMSIZE.items():
        item = np.where(x[:, _COL[f"dtype_{d}"]] > 0.5, b, item)

    def unaligned_concat(c: int) -> bool:
        return ops[c] == "CONCATENATION" and _channel_concat(x, c) and any(
            shape[p, 3] % 16 for p in prods[c] if not _is_const(x, n, p))

    def ew_nhwc(v: int) -> bool:  # the element-wise clause (E1: on one channel only)
        return shape[v, 3] == 1 if ew_one else bool(shape[v, 3] % 16)

    def narrow_act(v: int) -> bool:
        return narrow_linear and v < n and 0 < shape[v, 3] < NARROW_CHANNELS and (
            shape[v, 1] * shape[v, 2] > 1) and (ops[v] in acts or (
                ops[v] in NARROW_ACT_PRODUCERS and int(round(
                    x[v, _COL["fused_activation_function"]])) in CLAMP_CODES))

    size = np.zeros(nn_)
    bricks = np.zeros(nn_, bool)
    for v in range(nn_):
        if v >= n:
            size[v] = 0.0 if _is_const(x, n, v) else np.rint(
                np.expm1(x[v, _COL["log_act_bytes"]]))
            continue
        brick = bool(cons[v]) and ops[v] not in MEMORY_ONLY
        for c in cons[v]:
            if ops[c] in MEMORY_ONLY or unaligned_concat(c) or (
                    ops[c] == "FULLY_CONNECTED" and shape[v, 1] * shape[v, 2] > 1) or (
                    ops[c] in ELEMENTWISE and ew_nhwc(c)) or (
                    ops[c] in acts and narrow_act(c)) or splits[c] or psplits[c]:
                brick = False
        if carried[v]:
            brick = False
        if unaligned_concat(v) or (ops[v] in ELEMENTWISE and ew_nhwc(v)) or narrow_act(v) or hpx[v]:
            brick = False
        bricks[v] = brick
        sh = shape[v].copy()
        if brick:
            sh[3] = -(-sh[3] // 16) * 16
        size[v] = float(np.prod(sh)) * item[v]
    size = np.ceil(size / 16) * 16
    root = list(range(nn_))

    def find(a: int) -> int:
        while root[a] != a:
            a = root[a]
        return a

    for v in range(n):
        ins = [p for p in prods[v] if not _is_const(x, n, p)]
        if ins and (ops[v] in MEMORY_ONLY or (ops[v] == "PAD" and cons[v] and all(
                ops[c] in PAD_FUSING for c in cons[v]))):
            # memory-only, or a PAD that Vela folds into its consumers' padding
            root[find(v)] = find(ins[0])
        elif ops[v] in IN_PLACE:
            # Vela's ifm reuse: the output overwrites an input of the same size that
            # dies here (an operator's output, not a graph input)
            for p in ins:
                if p < n and max(cons[p]) == v and size[p] == size[v] and cons[v] and (
                        not one_reader or len(set(cons[p])) == 1):
                    root[find(v)] = find(p)
                    break
    if concat_in_place:
        for v in range(n):
            if ops[v] != "CONCATENATION" or find(v) != v:
                continue
            for p in set(prods[v]):
                if p < n and set(cons[p]) == {v} and find(p) == p and not (
                        pool_concat_copy and psplits[p]):
                    root[p] = v
    last = max(n - 1, 0)
    start: dict[int, int] = {}
    end: dict[int, int] = {}
    for v in range(nn_):
        if size[v] == 0 and find(v) == v and v >= n:
            continue
        g = find(v)
        st = v if v < n else 0
        en = max(cons[v]) if cons[v] else last
        start[g] = min(start.get(g, st), st)
        end[g] = max(end.get(g, en), en)
    if pool_concat_copy:  # N2: the CONCATENATION is live from its first copied-in pool on
        for v in range(n):
            first = [p + 1 for p in prods[v] if p < n and psplits[p]]
            if ops[v] == "CONCATENATION" and first and find(v) in start:
                start[find(v)] = min(start[find(v)], min(first))
    diff = np.zeros(last + 2)
    for g in start:
        diff[min(start[g], last)] += size[g]
        diff[min(end[g], last) + 1] -= size[g]
    if resize_chain:  # R: Vela's chain of x2 upscales
        for v in range(n):
            extra = _resize_chain_extra(x, n, ops, cons, prods, size, item, v)
            diff[v] += extra
            diff[v + 1] -= extra
    def act_step(v: int, out_bytes: float) -> None:
        """A separate activation step after operator ``v`` (rules "_bigact", "_sact"): its
        output of ``out_bytes`` is live beside ``v``'s, the inputs that die at ``v`` are not."""
        ins = {find(p) for p in prods[v] if not _is_const(x, n, p)}
        extra = max(out_bytes - sum(size[p] for p in ins if end.get(p, -1) == v), 0.0)
        diff[v] += extra
        diff[v + 1] -= extra

    for v in range(n):  # PRELU = MUL, MUL, MAXIMUM: one more map while it runs
        if ops[v] == "PRELU":
            diff[v] += size[v]
            diff[v + 1] -= size[v]
        if splits[v] and int(round(x[v, _COL["fused_activation_function"]])) != 0:
            # the sub-operations' brick-layout output, in place of the output's layout
            swap = _ceil16(float(np.prod(shape[v, :3])) * _ceil_to(int(shape[v, 3]), 16)
                           * item[v]) - size[v]
            diff[v] += swap
            diff[v + 1] -= swap
            if split_act and not (split_act_copy and bricks[v]):  # S / S2: the activation's step
                act_step(v, size[v])
        if big_act and ops[v] in NARROW_ACT_PRODUCERS and int(round(
                x[v, _COL["fused_activation_function"]])) != 0:
            ins = {find(p) for p in prods[v] if not _is_const(x, n, p)}
            if max([shape[u, 1:3].max() for u in ins] + [shape[v, 1:3].max()]) > NPU_DIM_MAX:
                act_step(v, _ceil16(float(np.prod(shape[v])) * item[v]))  # output twice, NHWC
        if softmax_lowered and ops[v] == "SOFTMAX":
            swap = softmax_bytes(shape[v]) - size[find(v)]
            for p in {find(p) for p in prods[v] if not _is_const(x, n, p)}:
                swap -= size[p] if end.get(p, -1) == v else 0.0
            diff[v] += swap
            diff[v + 1] -= swap
    return np.cumsum(diff)[:max(n, 1)][:n]


def softmax_bytes(shape) -> float:
    """The SRAM bytes of Vela 5.2's lowering of an int8 SOFTMAX over the last axis of a
    map of ``shape`` at its peak (rule "vorder_cat_smx", session 30): with ``C`` the
    last axis and ``P`` the product of the others, three int32 maps of one value per
    position in the 16-channel brick layout (``64 P`` each), the int32 exponentials
    (``4 P C``) and one int32 NHWC map of one value per position (``4 P``), each
    16-byte aligned [U: read off Vela's ``--verbose-schedule`` of two models, the
    Attention U-Net's 128 x 128 x 2 SOFTMAX, 3,342,336 B, and Coucke's 182 x 1 x 2 one,
    37,136 B; both reproduced to the byte by this form]."""
    dims = [max(int(d), 1) for d in shape]
    c, p = dims[-1], int(np.prod(dims[:-1]))
    return 3 * _ceil16(64 * p) + _ceil16(4 * p * c) + _ceil16(4 * p)


def encoded_weight_bytes(rec: dict) -> np.ndarray:
    """Per operator, the estimated encoded weight bytes Vela streams ``[n_ops]``:
    constant input bytes + 6 x output channels for CONV_2D, DEPTHWISE_CONV_2D,
    FULLY_CONNECTED and TRANSPOSE_CONV (int32 bias -> Vela's 10 B of scale and bias
    per channel [U]); 0 for the other operators. A record that carries
    ``"enc_weight_bytes"`` (candidate "*_enc": :func:`codec_weight_bytes`, set by
    :func:`node_sram_bytes`) gives those instead."""
    if "enc_weight_bytes" in rec:
        return np.asarray(rec["enc_weight_bytes"], np.float64)[:int(rec["n_ops"])].copy()
    x, n, ops, _, _ = _graph(rec)
    out = np.zeros(n)
    for v in range(n):
        if ops[v] in WEIGHTED:
            out[v] = np.expm1(x[v, _COL["log_param_bytes"]]) + 6.0 * x[v, _COL["shape3"]]
    return out


def _feature_input(x: np.ndarray, n: int, prods: list, v: int) -> int | None:
    """The feature-map input of a convolution: its largest non-constant producer."""
    ins = [p for p in prods[v] if not _is_const(x, n, p)]
    return max(ins, key=lambda u: x[u, _COL["shape3"]] * x[u, _COL["shape1"]]) if ins else None


def split_convs(rec: dict) -> np.ndarray:
    """Per operator, whether Vela 5.2 splits it into one NPU operation per output pixel
    ``[n_ops]`` (bool; rule "vorder_cat_smx_lin_split", session 32): a CONV_2D with a
    stride above :data:`SPLIT_STRIDE` on either axis and no padding (VALID, or SAME whose
    padding is zero on both axes; with a non-zero pad Vela leaves it on the CPU). Each
    sub-operation is a stride-1 convolution over one output pixel
    (``docs/evidence/perfsage-cpu-2026-12-06-s31/diag_stride4.md``)."""
    x, n, ops, _, prods = _graph(rec)
    col = lambda v, c: int(round(x[v, _COL[c]]))  # noqa: E731
    out = np.zeros(n, bool)
    for v in range(n):
        if ops[v] != "CONV_2D" or max(col(v, "stride_h"), col(v, "stride_w")) <= SPLIT_STRIDE:
            continue
        p = _feature_input(x, n, prods, v)
        if p is None:
            continue
        pad = 0
        if col(v, "padding") == 0:  # SAME: the total padding of each axis
            for a, k, s, d in (("1", "kernel_h", "stride_h", "dilation_h_factor"),
                               ("2", "kernel_w", "stride_w", "dilation_w_factor")):
                dk = (max(col(v, k), 1) - 1) * max(col(v, d), 1) + 1
                pad += max((col(v, "shape" + a) - 1) * max(col(v, s), 1) + dk
                           - col(p, "shape" + a), 0)
        out[v] = pad == 0
    return out


def _resize_chain_extra(x: np.ndarray, n: int, ops: list, cons: list, prods: list,
                        size: np.ndarray, item: np.ndarray, v: int) -> float:
    """Candidate R (:func:`feature_map_live` ``resize_chain``): the bytes Vela's chain of
    x2 upscales holds beyond velamem's input + output while RESIZE_BILINEAR ``v`` runs
    (0 outside the domain: not a RESIZE_BILINEAR, no map input, or a factor that is not
    the same power of two >= 4 on both axes)."""
    if ops[v] != "RESIZE_BILINEAR":
        return 0.0
    ins = [p for p in prods[v] if not _is_const(x, n, p)]
    if not ins:
        return 0.0
    p = ins[0]
    hi, wi, ci = (int(round(x[p, _COL[f"shape{i}"]])) for i in (1, 2, 3))
    ho, wo = (int(round(x[v, _COL[f"shape{i}"]])) for i in (1, 2))
    if hi < 1 or wi < 1 or ho % hi or wo % wi or ho // hi != wo // wi:
        return 0.0
    s = ho // hi
    k = s.bit_length() - 1
    if s < 4 or 1 << k != s:
        return 0.0
    chain = [size[p]] + [_ceil16(float(hi * wi * 4 ** j * _ceil_to(ci, 16)) * item[v])
                         for j in range(1, k)] + [size[v]]
    keep = size[p] if any(c > v for c in cons[p]) else 0.0
    peak = max(chain[j] + chain[j + 1] + (keep if j else 0.0) for j in range(k))
    return max(peak - (size[p] + size[v]), 0.0)


def split_pools(rec: dict) -> np.ndarray:
    """Per operator, whether Vela 5.2 splits an AVERAGE_POOL_2D / MAX_POOL_2D into one NPU
    operation per output pixel ``[n_ops]`` (bool; candidate "*_spool", session 37
    addendum 7): a stride above :data:`SPLIT_STRIDE` on either axis and more than one
    output pixel (also the domain of latency rule V,
    :func:`jaxeff.gnn.baselines.split_pool_cycles`)."""
    x, n, ops, _, _ = _graph(rec)
    col = lambda v, c: int(round(x[v, _COL[c]]))  # noqa: E731
    return np.array([ops[v] in ("AVERAGE_POOL_2D", "MAX_POOL_2D")
                     and max(col(v, "stride_h"), col(v, "stride_w")) > SPLIT_STRIDE
                     and col(v, "shape1") * col(v, "shape2") > 1 for v in range(n)], bool)


def split_weight_bytes(rec: dict) -> np.ndarray:
    """Per operator, the weight buffer bytes of a convolution Vela splits into one
    operation per output pixel (:func:`split_convs`; 0 for the others) ``[n_ops]``:
    :func:`encoded_weight_bytes` times ``1 + SPLIT_EXPANSION / sqrt(C_in)`` (Vela's
    encoding of a narrow-input kernel is larger than its int8 bytes [U]), 16-byte
    aligned. Every sub-operation holds the whole encoded weights in one SRAM buffer
    (rule "vorder_cat_smx_lin_split", session 32)."""
    x, n, _, _, prods = _graph(rec)
    w = encoded_weight_bytes(rec)
    codec = "enc_weight_bytes" in rec  # "*_enc": the codec's size holds the expansion
    out = np.zeros(n)
    for v in np.flatnonzero(split_convs(rec)):
        cin = max(float(x[_feature_input(x, n, prods, v), _COL["shape3"]]), 1.0)
        out[v] = _ceil16(w[v] if codec else w[v] * (1.0 + SPLIT_EXPANSION / np.sqrt(cin)))
    return out


#: candidate "*_enc" (session 39): the sub-kernel Vela's weight encoder decomposes a
#: kernel into (``ArchitectureFeatures.SubKernelMax``, height x width), divided by the
#: hardware dilation
SUB_KERNEL_MAX = (8, 8)
#: candidate "*_enc": the IFM / OFM micro-block depth that Vela 5.2's encoder is given
#: on both platforms (``accelerator_configs``: U55-128 and U65-256 both 8)
CODEC_UBLOCK_DEPTH = 8


def _codec_volume(op, tensors) -> tuple[np.ndarray, tuple[int, int], bool] | None:
    """One weighted operator's weights as Vela's encoder gets them: zero-point corrected
    int16 OHWI (depthwise ``[C, H, W, 1]``, FULLY_CONNECTED ``[O, 1, 1, I]``, TRANSPOSE_CONV
    flipped in H and W), a dilation above 2 expanded into the kernel as Vela's
    ``fixup_dilation_gt2`` does; with the hardware dilation ``(x, y)`` and whether it is
    depthwise. None without constant weights."""
    if len(op.inputs) < 2 or op.inputs[1] < 0:
        return None
    t = tensors[op.inputs[1]]
    if t.data is None:
        return None
    w = np.asarray(t.data).astype(np.int16)
    zp = np.zeros(1, np.int16) if t.zero_point is None else np.asarray(t.zero_point).astype(np.int16)
    if zp.size > 1:  # per-channel zero points along the quantized axis
        shape = [1] * w.ndim
        shape[t.quant_dim] = zp.size
        zp = zp.reshape(shape)
    w = w - (zp if zp.size > 1 else zp.reshape(()))
    depthwise = op.type == "DEPTHWISE_CONV_2D"
    if op.type == "FULLY_CONNECTED":
        w = w.reshape(w.shape[0], 1, 1, -1)
    elif depthwise:  # TFLite [1, H, W, C] -> Vela HWIO [H, W, 1, C] -> OHWI [C, H, W, 1]
        w = np.transpose(w.reshape(w.shape[-3], w.shape[-2], 1, w.shape[-1]), (3, 0, 1, 2))
    elif op.type == "TRANSPOSE_CONV":
        w = np.flip(w, axis=(1, 2))
    if w.ndim != 4:
        return None
    dil = [1, 1]  # (y, x)
    if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D"):
        d = [max(int(op.options.get("dilation_h_factor", 1) or 1), 1),
             max(int(op.options.get("dilation_w_factor", 1) or 1), 1)]
        if max(d) > 2:  # Vela's fixup_dilation_gt2: odd -> kernel zeros, even -> hardware 2
            hw = [1 if k & 1 else 2 for k in d]
            sc = [k // h for k, h in zip(d, hw, strict=True)]
            kh, kw = w.shape[1], w.shape[2]
            big = np.zeros((w.shape[0], (kh - 1) * sc[0] + 1, (kw - 1) * sc[1] + 1, w.shape[3]), np.int16)
            big[:, ::sc[0], ::sc[1], :] = w
            w, d = big, hw
        dil = d
    return np.ascontiguousarray(w), (dil[1], dil[0]), depthwise


def codec_weight_bytes(rec: dict, platform: str, only: np.ndarray | None = None
                       ) -> np.ndarray:
    """Per operator ``[n_ops]``, candidate "*_enc" (session 39, pre-registered in
    ``docs/evidence/perfsage-cpu-2026-12-07-s39/PREREGISTERED.md`` section 1): the bytes
    of the encoded weight stream Vela 5.2 builds from the operator's own weights for one
    depth slice of the whole OFM depth (its scheduler's "full weights"): ``ceil16(10 C_out)``
    of scale and bias plus Vela's weight encoder (``ethosu.mlw_codec.reorder_encode``, the
    call of ``weight_compressor.encode_weights``) on the weights of :func:`_codec_volume`,
    with the OFM block depth of :func:`ofm_block` (FULLY_CONNECTED: :data:`FC_BLOCK_DEPTH`),
    Vela's traversal choice (part-kernel first for a CONV_2D / TRANSPOSE_CONV whose IFM depth
    is at most 8 or whose kernel fills the MAC array better that way) and the IFM bit depth.
    Operators without constant weights, and every other operator, keep
    :func:`encoded_weight_bytes`' estimate. Needs the record's graph (``rec["graph"]``, as
    :func:`jaxeff.gnn.realeval.record_of` gives) and Vela (``pip install 'jaxeff[tflite]'``).
    ``only`` (``[n_ops]`` bool): encode those operators alone, the others keep the
    estimate (candidate W3 of session 40 needs a few convs, not the whole graph)."""
    pl = _platform(platform)
    g = rec.get("graph")
    if g is None or not hasattr(g, "ops"):
        raise ValueError("rule '*_enc' needs the record's TFLite graph (rec['graph'], as "
                         "jaxeff.gnn.realeval.record_of gives); this record has none")
    try:
        from ethosu import mlw_codec
    except ImportError as e:  # pragma: no cover - the vela extra is a test dependency
        raise ImportError("rule '*_enc' needs Vela's weight codec: pip install 'jaxeff[tflite]' "
                          "(ethos-u-vela)") from e
    x, n, ops, _, _ = _graph(rec)
    if len(g.ops) != n:
        raise ValueError(f"rec['graph'] has {len(g.ops)} operators, the record {n}")
    out = encoded_weight_bytes({k: v for k, v in rec.items() if k != "enc_weight_bytes"})
    _, bdepth = _conv_blocks(rec, pl)
    if only is not None and np.asarray(only, bool).shape != (n,):
        raise ValueError(f"only must be [n_ops] = [{n}] bools, got {np.shape(only)}")
    for v, op in enumerate(g.ops):
        if op.type not in WEIGHTED or op.type != ops[v] or (only is not None and not only[v]):
            continue
        got = _codec_volume(op, g.tensors)
        if got is None:
            continue
        w, dil, depthwise = got
        depth = w.shape[0]
        block = FC_BLOCK_DEPTH if op.type == "FULLY_CONNECTED" else int(bdepth[v]) or depth
        ifm = g.tensors[op.inputs[2 if op.type == "TRANSPOSE_CONV" else 0]]
        bits = 16 if str(ifm.dtype) == "int16" else 8
        part = False
        if op.type in ("CONV_2D", "TRANSPOSE_CONV"):  # Vela's NpuBlockType.ConvolutionMxN
            taps, cin = w.shape[1] * w.shape[2], w.shape[3]
            depth_use = cin / _ceil_to(cin, 32 if bits == 8 else 16)
            part_use = (cin / _ceil_to(cin, 8)) * (taps / _ceil_to(taps, 4 if bits == 8 else 2))
            part = part_use >= depth_use or cin <= 8
        stream, _ = mlw_codec.reorder_encode(
            CODEC_UBLOCK_DEPTH, CODEC_UBLOCK_DEPTH, w, block, depthwise, part, bits,
            SUB_KERNEL_MAX[0] // dil[1], SUB_KERNEL_MAX[1] // dil[0])
        out[v] = _ceil16(10 * depth) + len(stream)
    return out


def roofline_cycles(rec: dict, platform: str, depthwise_lanes: bool = False) -> np.ndarray:
    """Per operator, the roofline cycles ``max(MACs / P, B_act / W, 1)`` of
    :func:`jaxeff.gnn.bounds.node_prior` ``[n_ops]`` (no learning).
    ``depthwise_lanes`` (rules "*_dw", session 22): a DEPTHWISE_CONV_2D runs at
    ``P / 8``: the MAC array multiplies :data:`DW_IFM_LANES` IFM channels into each OFM
    element per cycle, and a depthwise OFM channel has one IFM channel."""
    pk = PEAK[_platform(platform)]
    x = np.asarray(rec["x"], np.float64)
    n = int(rec["n_ops"])
    macs = np.expm1(x[:n, _COL["log_macs"]])
    if depthwise_lanes:
        ops = list(rec.get("ops", ()))
        macs = macs * np.asarray([DW_IFM_LANES if o == "DEPTHWISE_CONV_2D" else 1
                                  for o in ops[:n]] + [1] * (n - len(ops[:n])), np.float64)
    act = np.expm1(x[:n, _COL["log_act_bytes"]])
    return np.maximum(np.maximum(macs / pk.macs_per_cycle, act / pk.sram_bytes_per_cycle),
                      1.0)


def vela_cycles(rec: dict, platform: str, depthwise: bool = False) -> np.ndarray:
    """Per operator ``[n_ops]``: the cycles of candidates "*_vcyc" (session 33; no learning):
    :func:`roofline_cycles` raised, per operator type, to the work Vela 5.2 does for it,
    as read off its printed cycles of 24 synthetic int8 probes
    (``docs/evidence/perfsage-cpu-2026-12-06-s33/diag_cycles33.txt``; no real model):

    * MAX_POOL_2D / AVERAGE_POOL_2D: ``max(c, OFM elements x kh x kw x``
      :data:`POOL_TAP_DIVISOR` ``/ P)`` (Vela's pooling takes ``P / 32`` kernel taps per
      cycle; the roofline's activation term is 1.6-7.8 x low);
    * TRANSPOSE_CONV: ``max(c, MACs x s_h x s_w / P)`` (Vela runs the kernel over the
      zero-upsampled map, so a stride-2 one costs 4 x its MAC count; within 2-5 %);
    * FULLY_CONNECTED: ``max(c, W_enc /`` :data:`FC_WEIGHT_BYTES_PER_CYCLE` ``)`` (the
      weights decoded at 8 B per cycle on both NPUs; within 1-5 %, up to 17 % low for a
      wide output).

    ``P`` is the platform's MACs per cycle (:data:`jaxeff.gnn.bounds.PEAK`); ``W_enc``
    :func:`encoded_weight_bytes`. Every other operator keeps its roofline cycles."""
    pl = _platform(platform)
    c = roofline_cycles(rec, pl)
    _, n, ops, _, _ = _graph(rec)
    if n == 0:
        return c
    pk = PEAK[pl].macs_per_cycle
    x = np.asarray(rec["x"], np.float64)[:n]
    kind = np.asarray(ops[:n])
    ofm = np.prod(np.maximum(x[:, [_COL["shape1"], _COL["shape2"], _COL["shape3"]]], 1.0), axis=1)
    taps = np.maximum(x[:, _COL["filter_height"]], 1.0) * np.maximum(x[:, _COL["filter_width"]], 1.0)
    pool = np.isin(kind, list(POOL_OPS))
    c = np.where(pool, np.maximum(c, ofm * taps * POOL_TAP_DIVISOR / pk), c)
    macs = np.expm1(x[:, _COL["log_macs"]])
    up = np.maximum(x[:, _COL["stride_h"]], 1.0) * np.maximum(x[:, _COL["stride_w"]], 1.0)
    c = np.where(kind == "TRANSPOSE_CONV", np.maximum(c, macs * up / pk), c)
    fc = kind == "FULLY_CONNECTED"
    c = np.where(fc, np.maximum(c, encoded_weight_bytes(rec) / FC_WEIGHT_BYTES_PER_CYCLE), c)
    if depthwise:  # candidate "*_dwc": one kernel tap per OFM micro-block and cycle; Vela's
        c = np.maximum(c, depthwise_cycles(rec, pl))  # element-wise cycles per OFM element
        per = np.asarray([ELEMENTWISE_CYCLES[pl].get(o, 0.0) for o in ops[:n]])
        c = np.maximum(c, per * ofm)
    return c


def depthwise_cycles(rec: dict, platform: str) -> np.ndarray:
    """Per operator ``[n_ops]``: the cycles of candidate "*_dwc" for a DEPTHWISE_CONV_2D (0 for
    every other operator): one kernel tap of one OFM micro-block per cycle,
    ``ceil(OH / u_h) x ceil(OW / u_w) x ceil(C / u_d) x kh x kw`` with the micro-block
    ``(u_h, u_w, u_d)`` of :data:`SHRAM` (U55-128 1 x 2 x 8, U65-256 2 x 2 x 8; Vela's
    ``architecture_features.py``). A depthwise OFM element takes one IFM channel, so the MAC
    array's 8 IFM lanes (:data:`DW_IFM_LANES`) idle, and a map one pixel high fills half the
    U65's micro-block. Read off Vela 5.2's printed cycles (``diag_v22.md``: QuartzNet's
    depthwise convolutions, 1 x 128 maps, kernels 33-87, 0.90-0.98 x Vela's on both NPUs)."""
    return _ublock_cycles(rec, platform, "DEPTHWISE_CONV_2D")


def _ublock_cycles(rec: dict, platform: str, op: str) -> np.ndarray:
    """Per operator of type ``op`` (0 elsewhere): OFM micro-blocks x kernel taps (x ``ceil(C_in / 8)`` for a
    CONV_2D), the cycles of :func:`depthwise_cycles` / :func:`conv_ublock_cycles`."""
    sh = SHRAM[_platform(platform)]
    x, n, ops, _, _ = _graph(rec)
    out = np.zeros(n)
    col = lambda v, c: max(int(round(x[v, _COL[c]])), 1)  # noqa: E731
    for v in range(n):
        if ops[v] == op:
            lanes = -(-col(v, "c_in") // DW_IFM_LANES) if op == "CONV_2D" else 1
            out[v] = (-(-col(v, "shape1") // sh.ublock_h) * -(-col(v, "shape2") // sh.ublock_w)
                      * -(-col(v, "shape3") // sh.ublock_d) * lanes * col(v, "kernel_h") * col(v, "kernel_w"))
    return out


def conv_ublock_cycles(rec: dict, platform: str) -> np.ndarray:
    """Per operator ``[n_ops]``: the cycles of candidate "*_ublk" (session 33, addendum 5) for a
    CONV_2D (0 for every other operator): one OFM micro-block times :data:`DW_IFM_LANES` IFM
    channels of one kernel tap per cycle, ``ceil(OH / u_h) x ceil(OW / u_w) x ceil(C_out / u_d) x
    ceil(C_in / 8) x kh x kw`` with the micro-block of :data:`SHRAM` (U65-256 2 x 2 x 8: a map one
    pixel high fills half of it, so twice the roofline's ``MACs / 256``). Vela 5.2 prints 3,746 /
    3,972 cycles for MarbleNet's 1 x 64 x 64 / 128 1 x 1 convolutions (ours 4,096), 149,346 for
    ResNet-18-CIFAR's 32 x 32 x 64 3 x 3 ones (ours 147,456) (``diag_v23.md``)."""
    return _ublock_cycles(rec, platform, "CONV_2D")


def _checked_cycles(cycles, n: int) -> np.ndarray:
    """A caller's per-operator cycles as float64 ``[n]``, or a ``ValueError`` naming the
    problem (shape, non-finite or negative values)."""
    c = np.asarray(cycles, np.float64)
    if c.shape != (n,):
        raise ValueError(f"cycles must have shape ({n},) (one per operator), got {c.shape}")
    if not np.all(np.isfinite(c)) or np.any(c < 0):
        raise ValueError("cycles must be finite and non-negative")
    return c


def weight_buffers(rec: dict, platform: str,
                   cycles: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per operator, ``(buffer, prebuffer)`` bytes ``[n_ops]`` each: the SRAM weight
    buffer it holds while it runs (the encoded weights when the buffering test of
    :data:`BUFFERING` passes, else 0), and the slice of it fetched while the previous
    operator runs (module doc). ``cycles``: per-operator cycles (default: roofline)."""
    b = BUFFERING[_platform(platform)]
    n = int(rec["n_ops"])
    c = roofline_cycles(rec, platform) if cycles is None else _checked_cycles(cycles, n)
    w = encoded_weight_bytes(rec)
    xfer = w / b.bytes_per_cycle + b.latency
    buf = np.where((w > 0) & (xfer <= c), w, 0.0)
    buf = np.ceil(buf / 16) * 16
    x = np.asarray(rec["x"], np.float64)
    cout = np.maximum(x[:n, _COL["shape3"]], 1.0)
    pre = np.zeros(n)
    for v in np.flatnonzero(buf > 0):
        slack = c[v - 1] if v > 0 else 0.0
        frac = min(1.0, max(slack / xfer[v], min(1.0, 16.0 / cout[v])))
        pre[v] = buf[v] * frac
    return buf, pre


def scheduled_ops(rec: dict) -> list[int]:
    """The operators Vela schedules, in execution (TFLite) order: all but the
    memory-only ones and a standalone activation of :data:`FUSABLE_ACTIVATIONS` whose
    input's producer (of :data:`ACT_PRODUCERS`) has no other consumer, which Vela
    fuses into that producer [U: simplified]."""
    _, n, ops, cons, prods = _graph(rec)
    out = []
    for v in range(n):
        ins = [p for p in prods[v] if p < n]
        if ops[v] in MEMORY_ONLY or (
                ops[v] in FUSABLE_ACTIVATIONS and len(ins) == 1
                and ops[ins[0]] in ACT_PRODUCERS and len(cons[ins[0]]) == 1):
            continue
        out.append(v)
    return out


def _ceil16(v: float) -> int:
    return int(-(-v // 16) * 16)


def refetch_buffers(rec: dict, platform: str, cycles: np.ndarray | None = None,
                    blocks: bool = False, prev_slack: bool = False,
                    block_depth: bool = False, split: bool = False,
                    whole_prebuffer: bool = False,
                    held: np.ndarray | None = None,
                    split_slack: bool = False,
                    pad_through: bool = False,
                    whole_slack: np.ndarray | None = None,
                    row_blocks: str = "",
                    last_slice: np.ndarray | None = None,
                    under: np.ndarray | None = None,
                    own_cycles: np.ndarray | None = None,
                    area_blocks: str = "", visible: bool = False,
                    prebuffer_copy: bool = False,
                    test_cycles: np.ndarray | None = None,
                    split_pool_slack: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Per operator, ``(buffer, prebuffer)`` bytes ``[n_ops]`` by rule "refetch"
    (session 20). A CONV_2D / DEPTHWISE_CONV_2D / TRANSPOSE_CONV whose OFM has more
    than :data:`ONE_BLOCK_AREA` pixels reads its weights once per OFM block, so Vela
    buffers them (its C++ scheduler, regor's ``ProposeSlicedWeightBuffering``): with
    ``T = W / b + L`` (:data:`BUFFERING_SLICED`) and ``s`` the slack of the scheduled
    operator before it (:func:`scheduled_ops`: its cycles, or its last slice's share
    when it was sliced; 0 for the first):

    * ``T <= s``: all its weights in one buffer, fetched under the previous operator;
    * else depth slices ``[0, p, p + q, ..., D]``, ``p = max(16, floor16(D s / T))``
      channels fetched under the previous operator, ``q = max(16, ceil16(p c / T))``
      (block depth 16 [U]), double-buffered: buffers of the largest even- and
      odd-numbered slice (weights shared by depth), the first one pre-buffered.

    Every other operator (one OFM block, or a FULLY_CONNECTED) follows
    :func:`weight_buffers` (the own-cycles rule, which is regor's test when the
    weights are read once). ``cycles``: per-operator cycles (default: roofline).
    ``blocks`` (rule "blocks", session 22): "one block" is Vela's own block count
    (:func:`weight_refetches` == 1) instead of the :data:`ONE_BLOCK_AREA` threshold.
    ``prev_slack`` (rule "prev", session 22): an operator of the own-cycles branch keeps
    its whole-weight buffer only when the copy ``W / b + L`` (:data:`BUFFERING`) also
    fits under the slack of the scheduled operator before it (regor takes a buffer only
    when the buffered operator is no slower, and a one-slice buffer's transfer that the
    previous operator does not hide makes it slower). ``split`` (rule
    "vorder_cat_smx_lin_split", session 32): a convolution Vela splits into one operation
    per output pixel (:func:`split_convs`) holds its whole encoded weights
    (:func:`split_weight_bytes`) and pre-buffers nothing under the previous operator.
    ``whole_prebuffer`` (rule "vorder_cat_smx_lin_split_u65buf", session 32 addendum 2;
    on a platform of :data:`PREBUFFER`, the U65, and nowhere else): first, a weighted
    operator whose whole-weight copy ``T = W / b + L`` (:data:`PREBUFFER`) fits under the
    slack of the operator before it and, unless its OFM spans several blocks, leaves it no
    slower (``T + W /`` :data:`SRAM_WEIGHT_BYTES_PER_CYCLE` ``<= c``) holds its whole
    encoded weights with nothing pre-buffered; the buffer is added to ``held`` (an array of
    ``n_ops`` zeros the caller passes) at that previous operator, while which it is
    fetched. There a FULLY_CONNECTED runs ``max(c, 17.7 C_out + W / 8)`` cycles
    (:data:`FC_CHANNEL_CYCLES`) and, when more than two :data:`FC_BLOCK_DEPTH` blocks deep
    and not buffered whole, leaves the slack of one block; a SPLIT / SPLIT_V
    (:data:`SLICE_VIEWS`) passes the slack through (module doc). ``split_slack``
    (candidate "..._u65buf_spslack", session 32 addendum 4, not the default): the operator
    after a split convolution sees the slack of one of its per-pixel sub-operations
    (its cycles over its OFM pixels), not its whole cycles (``diag_u55_fresh.md``).
    ``pad_through`` (candidates "*_vcyc", session 33): a PAD that Vela folds into its
    consumers' padding (every consumer in :data:`PAD_FUSING`) is no operation: the slack
    of the operator before it passes through (``diag_cycles33.txt``). ``whole_slack``
    (candidates "*_vslack", session 33 addendum 1): per-operator cycles (:func:`vela_cycles`)
    used only as the slack of the whole-weight test of an operator whose weights are re-read
    per OFM block (``T <= s``: one buffer of all its weights, fetched under the previous
    operator); the depth-slice sizes and every other test keep ``cycles``. ``row_blocks``
    (candidates "*_1xw" / "*_1xwh", session 33 addendum 2): on an OFM one pixel high or wide
    ("hw") or one pixel high ("h", the ``[1, 1, W, C]`` maps of a TFLite 1-D convolution),
    "one block" is Vela's own block count (:func:`weight_refetches` == 1), not
    :data:`ONE_BLOCK_AREA`. ``last_slice`` / ``under`` (candidate "*_wlive", session 33 addendum 5;
    arrays of ``n_ops`` zeros the caller passes): the buffer of the second slice of an operator cut
    into exactly two depth slices, and each operator's pre-buffered bytes added at the scheduled
    operator before it (whose slack hides them), not at the last buffered one. ``own_cycles``
    (candidate "*_ublk", addendum 5): the cycles of the U65 whole-weight test's "no slower" branch
    (``T + W / 16 <= c``) in place of ``cycles``. ``area_blocks`` (candidates "*_vblk" / "*_vblk_dom", session 34,
    ``diag_vggish.md``): "vblk", an OFM of at most :data:`ONE_BLOCK_AREA` pixels is one block only when
    Vela's own block count says so too (:func:`weight_refetches` == 1); one that Vela's block search cuts
    into ``r`` > 1 blocks goes to the sliced branch; "dom", and such a convolution buffers nothing when its
    Vela-shaped cycles (``max(c,`` :func:`conv_ublock_cycles` ``,`` :func:`depthwise_cycles` ``)``) are at
    least the ``r W / b`` cycles of streaming its weights ``r`` times from flash / DRAM
    (:data:`WEIGHT_STREAM`; regor's ``opcycleDominated``: buffering cannot make it faster). ``block_depth`` (session 22's
    "_q", candidates "*_bdq", session 35, ``diag_segan.md``): the later depth slices are rounded up to the OFM block depth of
    :func:`ofm_block` (regor's ``RoundAway(bufferingDepth, configBlockDepth)``). ``visible`` (candidate "*_bdq_vis", session
    35): a depth-sliced buffer is dropped when the weight-transfer cycles it leaves visible exceed what it saves (regor takes
    a sliced buffer only when the buffered operator is no slower): visible = the first slice's copy beyond the previous
    operator's (Vela-shaped) slack plus each later slice's copy beyond the compute of the slice before it, a slice of ``k``
    of ``D`` channels copied in ``k W / (D b) + L`` cycles (:data:`WEIGHT_STREAM`, the U65's DRAM latency of
    :data:`PREBUFFER`) and computed in ``k c_v / D`` (``c_v = max(c,`` :func:`vela_cycles` ``,`` :func:`conv_ublock_cycles`
    ``,`` :func:`depthwise_cycles` ``)``); saved = ``max(r W / b - c_v, 0)``, ``r`` the OFM blocks; an op-cycle-dominated
    operator (``c_v >= r W / b``) whose visible cycles are under :data:`STARTUP_DELAY_CYCLES` per slice counts none.
    ``prebuffer_copy`` (candidate "*_pbt", session 43, ``diag_gpd42.md``; with ``whole_prebuffer``, on a platform of
    :data:`PREBUFFER`, the U65): the sliced branch's copy time ``T`` is the DRAM copy of the whole-weight test,
    ``W /`` :data:`PREBUFFER` ``+ L`` (3.75 B per cycle, 500 cycles), not :data:`BUFFERING_SLICED`'s.
    ``test_cycles`` (candidate Lo, session 43 addendum 1; with ``whole_prebuffer``): per-operator cycles used only in
    the U65 whole-weight test's "no slower" branch (``T + W / 16 <= c``), e.g. the per-op forests' cycles
    (:func:`jaxeff.gnn.fit.forest_op_cycles`); the slack, the slices and every other test keep their cycles
    (``diag_u65buf41.md``: with Vela's own cycles that test reproduces its choice on 94 of 94 operators).
    ``split_pool_slack`` (candidate "*_psl", session 44, ``diag_sram44.md``): the operator after a pool Vela splits into
    one operation per output pixel (:func:`split_pools`) sees the slack of one of its sub-operations (its cycles over its
    OFM pixels), as ``split_slack`` gives after a split convolution: regor's slack is the cycles of the NPU operation
    just before (DeepSEA's conv after a 4 / 4 pool on the U65: 818 cycles, not the pool's 248 x 818)."""
    pl = _platform(platform)
    b = BUFFERING_SLICED[pl]
    n = int(rec["n_ops"])
    c = roofline_cycles(rec, pl) if cycles is None else np.asarray(cycles, np.float64)
    buf, pre = weight_buffers(rec, pl, c)  # validates ``c``
    _, _, ops, cons, _ = _graph(rec)
    w = encoded_weight_bytes(rec)
    x = np.asarray(rec["x"], np.float64)
    depth = np.maximum(np.rint(x[:n, _COL["shape3"]]), 1.0).astype(int)
    area = x[:n, _COL["shape1"]] * x[:n, _COL["shape2"]]
    refetches, bdepth = (_conv_blocks(rec, pl) if blocks or block_depth or row_blocks or area_blocks or visible
                         else (None, None))
    one_block = (refetches <= 1) if blocks else area <= ONE_BLOCK_AREA[pl]
    if row_blocks:  # candidates "*_1xw(h)": a 1 x W map is one block only when Vela's block spans it
        thin = x[:n, _COL["shape1"]] if row_blocks == "h" else np.minimum(x[:n, _COL["shape1"]],
                                                                          x[:n, _COL["shape2"]])
        line = (thin <= 1) & (area > 1)
        one_block = np.where(line, refetches <= 1, one_block)
    stream = np.zeros(n, bool)  # candidate "*_vblk_dom": refetched but streamed unbuffered
    if area_blocks:  # candidates "*_vblk": Vela's block count overrules the area threshold
        newly = one_block & (refetches > 1)
        one_block = one_block & (refetches <= 1)
        if area_blocks == "dom":
            cv = np.maximum(np.maximum(c, conv_ublock_cycles(rec, pl)), depthwise_cycles(rec, pl))
            stream = newly & (cv >= refetches * w / WEIGHT_STREAM[pl])
    if visible:  # candidate "*_bdq_vis": Vela-shaped compute cycles of each operator
        vis_c = np.maximum.reduce([c, c if whole_slack is None else _checked_cycles(whole_slack, n),
                                   conv_ublock_cycles(rec, pl), depthwise_cycles(rec, pl)])
        vis_lat = PREBUFFER[pl].latency if pl in PREBUFFER else 0.0
    own = BUFFERING[pl]
    wsplit = split_weight_bytes(rec) if split else np.zeros(n)
    hide = whole_prebuffer and pl in PREBUFFER
    if hide:  # rule "*_u65buf" (module doc)
        dram = PREBUFFER[pl]
        fc = np.asarray([o == "FULLY_CONNECTED" for o in ops[:n]])
        c = np.where(fc, np.maximum(c, FC_CHANNEL_CYCLES * depth + w / FC_WEIGHT_BYTES_PER_CYCLE), c)
        xfer = w / dram.bytes_per_cycle + dram.latency
    cw = c if whole_slack is None else _checked_cycles(whole_slack, n)
    co = c if own_cycles is None else np.maximum(np.maximum(c, cw), _checked_cycles(own_cycles, n))
    if test_cycles is not None:  # candidate Lo (session 43 addendum 1)
        co = _checked_cycles(test_cycles, n)
    spool = split_pools(rec) if split_pool_slack else np.zeros(n, bool)
    sched = scheduled_ops(rec)
    before = np.full(n, -1)
    slack, prev, vslack = 0.0, -1, 0.0
    for v in sched:
        if hide and ops[v] in SLICE_VIEWS:
            continue  # Vela runs no operation for it: the slack passes through
        if pad_through and ops[v] == "PAD" and cons[v] and all(
                ops[k] in PAD_FUSING for k in cons[v]):
            continue  # folded into its consumers: no operation, the slack passes through
        s, slack = slack, c[v]
        vs, vslack = vslack, cw[v]
        if spool[v]:  # candidate "*_psl": Vela's last sub-operation pools one output pixel
            slack, vslack = c[v] / max(area[v], 1.0), cw[v] / max(area[v], 1.0)
        u, prev = prev, v
        before[v] = u
        if wsplit[v] > 0:
            buf[v], pre[v] = wsplit[v], 0.0
            if split_slack:  # Vela's last sub-operation runs one output pixel
                slack, vslack = c[v] / max(area[v], 1.0), cw[v] / max(area[v], 1.0)
            continue
        if hide and ops[v] in WEIGHTED and w[v] > 0:
            d = int(depth[v])
            refetched = ops[v] in SLICED and not one_block[v]
            if xfer[v] <= (s if own_cycles is None else max(s, vs)) and (refetched
                                 or xfer[v] + w[v] / SRAM_WEIGHT_BYTES_PER_CYCLE <= co[v]):
                # the whole weights in one buffer, fetched under the previous operator
                # (held while that one runs, not while any earlier one does)
                buf[v], pre[v] = _ceil16(w[v]), 0.0
                if held is not None and u >= 0:
                    held[u] += buf[v]
                continue
            if ops[v] == "FULLY_CONNECTED" and d > 2 * FC_BLOCK_DEPTH:
                # regor depth-slices it (more than two OFM blocks deep): the next operator
                # sees the slack of its last slice only
                slack, vslack = c[v] * FC_BLOCK_DEPTH / d, cw[v] * FC_BLOCK_DEPTH / d
        if stream[v]:  # "*_vblk_dom": Vela reads its weights from flash / DRAM per block
            buf[v] = pre[v] = 0.0
            continue
        if ops[v] not in SLICED or w[v] <= 0 or one_block[v]:
            if prev_slack and buf[v] > 0 and w[v] / own.bytes_per_cycle + own.latency > s:
                buf[v] = pre[v] = 0.0
            continue
        t, d = w[v] / b.bytes_per_cycle + b.latency, int(depth[v])
        if prebuffer_copy and hide:  # candidate "*_pbt": the U65's DRAM copy time
            t = float(xfer[v])
        sp = max(s, vs) if own_cycles is not None and hide else s  # "*_ublk": Vela's slack, U65
        p = max(16, int(d * sp / t // 16) * 16) if t > max(s, vs) else d
        if p >= d:  # one slice: a single buffer of the whole weights
            buf[v] = pre[v] = _ceil16(w[v])
            continue
        q = max(16, _ceil16(p * c[v] / t))
        if block_depth and bdepth[v] > 0:
            q = _ceil_to(q, int(bdepth[v]))
        edges = [0, *range(p, d, q), d]
        if visible and _slices_visible(np.diff(edges) / d, w[v], vis_c[v], max(s, vs), refetches[v],
                                       WEIGHT_STREAM[pl], vis_lat):
            buf[v] = pre[v] = 0.0  # "*_bdq_vis": the visible copy outweighs the saved weight reads
            continue
        sizes = [_ceil16(w[v] * (hi - lo) / d) for lo, hi in zip(edges[:-1], edges[1:])]
        buf[v], pre[v] = max(sizes[0::2]) + max(sizes[1::2]), max(sizes[0::2])
        if last_slice is not None and len(sizes) == 2:  # candidate "*_wlive" (addendum 5)
            last_slice[v] = sizes[1]
        slack = c[v] * (edges[-1] - edges[-2]) / d
        vslack = cw[v] * (edges[-1] - edges[-2]) / d
    if under is not None:  # candidate "*_wlive": fetched while the scheduled operator before runs
        for v in np.flatnonzero((buf > 0) & (pre > 0) & (before >= 0)):
            under[before[v]] += pre[v]
    return buf, pre


def _slices_visible(frac: np.ndarray, w: float, cv: float, slack: float, refetches: float, stream: float,
                    latency: float) -> bool:
    """Candidate "*_bdq_vis" (:func:`refetch_buffers` ``visible``): whether depth slices of the weight fractions
    ``frac`` leave more weight-transfer cycles visible than buffering saves on an operator of ``cv`` cycles whose
    ``w`` weight bytes are read ``refetches`` times at ``stream`` bytes per cycle unbuffered."""
    xfer = frac * w / stream + latency
    vis = max(xfer[0] - slack, 0.0) + float(np.sum(np.maximum(xfer[1:] - frac[:-1] * cv, 0.0)))
    unmoved = max(refetches, 1.0) * w / stream
    if cv >= unmoved and vis < STARTUP_DELAY_CYCLES * len(frac):
        vis = 0.0  # regor's compensation: noise on an op-cycle-dominated operator
    return vis > max(unmoved - cv, 0.0)


@dataclasses.dataclass(frozen=True)
class Shram:
    """The SHRAM geometry of one accelerator configuration that Vela's block search
    uses (``architecture_features.accelerator_configs`` of Vela 5.2 and regor's
    ``ArchEthosU55``): OFM micro-block (height, width, depth), IFM micro-block depth,
    SHRAM banks (1 KiB each; 2 reserved for the OFM at the start and 2 at the end),
    and the bank granules of int8 / int16 IFMs and of 32-bit accumulators."""

    ublock_h: int
    ublock_w: int
    ublock_d: int
    ifm_ublock_d: int
    banks: int
    ifm8_granule: int
    ifm16_granule: int
    acc32_granule: int


#: rule "blocks" (session 22): Vela 5.2's SHRAM geometry of the two PerfSAGE accelerators
#: (``ethos-u55-128``: ublock 2 wide, 1 high, 8 deep, 24 banks, granules IFM8 4, IFM16 4,
#: Acc32 8; ``ethos-u65-256``: 2 x 2 x 8, 48 banks, 8 / 8 / 16), read from Vela's
#: ``architecture_features.py``
SHRAM = {"u55": Shram(1, 2, 8, 8, 24, 4, 4, 8), "u65": Shram(2, 2, 8, 8, 48, 8, 8, 16)}
#: the IFM channels the Ethos-U MAC array reduces per OFM element and cycle (U55-128:
#: OFM micro-block 2 x 1 x 8 times 8 IFM channels = 128 MACs; U65-256: 2 x 2 x 8 x 8);
#: a depthwise convolution uses one of them (rules "*_dw", session 22)
DW_IFM_LANES = 8
OFM_BLOCK_MAX = (32, 64, 128)  # Vela's largest OFM block (height, width, depth)
SUBKERNEL_MAX = 8  # Vela's sub-kernel limit (both axes)


def _ceil_to(v: int, m: int) -> int:
    return -(-v // m) * m


def ofm_block(platform: str, ofm: tuple[int, int, int], ifm: tuple[int, int, int],
              kernel: tuple[int, int], stride: tuple[int, int] = (1, 1),
              dilation: tuple[int, int] = (1, 1), depthwise: bool = False,
              ifm_bits: int = 8, upscale: int = 1) -> tuple[int, int, int]:
    """The OFM block ``(height, width, depth)`` Vela 5.2 picks for a convolution
    (rule "blocks", session 22): a port of regor's ``ArchEthosU55::FindBlockConfig``
    (the search the U55 and U65 share) for CONV_2D / DEPTHWISE_CONV_2D with 32-bit
    accumulators and no LUT: every block of micro-blocks up to :data:`OFM_BLOCK_MAX`
    whose IFM and accumulator buffers fit the SHRAM (``TryBlockConfig``), the one with
    the least IFM + weight fetch per OFM element (ties: the first, or a later one of at
    most 4 x 4 with no more IFM coverage). ``ofm`` / ``ifm``: (height, width, depth);
    ``upscale`` 2 for a TRANSPOSE_CONV (Vela runs it as a stride-1 convolution of the
    zero-upscaled IFM)."""
    sh = SHRAM[_platform(platform)]
    oh, ow, od = (max(int(v), 1) for v in ofm)
    ih, iw, idp = (max(int(v), 1) for v in ifm)
    kh, kw = (max(int(v), 1) for v in kernel)
    sy, sx = (max(int(v), 1) for v in stride)
    dy, dx = (max(int(v), 1) for v in dilation)
    part_kernel = False
    if not depthwise:
        if idp <= 8:
            part_kernel = True
        else:
            ke = kh * kw
            depth_util = idp / _ceil_to(idp, 32 if ifm_bits == 8 else 16)
            part_util = idp / _ceil_to(idp, 8) * (ke / _ceil_to(ke, 4 if ifm_bits == 8 else 2))
            part_kernel = part_util >= depth_util
    ifm_granule = sh.ifm8_granule if ifm_bits == 8 else sh.ifm16_granule
    lut_start = sh.banks - 2
    dkh, dkw = (kh - 1) * dy + 1, (kw - 1) * dx + 1
    repeats = -(-dkw // SUBKERNEL_MAX) * -(-dkh // SUBKERNEL_MAX)
    if ifm_bits == 16:
        ifm_block_d = _ceil_to(min(idp, 16), 4)
    else:
        ifm_block_d = _ceil_to(min(idp, 16 if part_kernel else 32), sh.ifm_ublock_d)
    space_h = _ceil_to(min(oh, OFM_BLOCK_MAX[0]), sh.ublock_h)
    space_w = _ceil_to(min(ow, OFM_BLOCK_MAX[1]), sh.ublock_w)
    space_d = _ceil_to(min(od, OFM_BLOCK_MAX[2]), sh.ublock_d)
    depth = max(sh.ublock_d, min(space_d, 16))
    if depth < od:
        depth = _ceil_to(depth, 16)
    best, best_cov, out = np.inf, np.inf, None
    wont_fit: set[tuple[int, int]] = set()
    while depth <= space_d:
        for h in range(sh.ublock_h, space_h + 1, sh.ublock_h):
            for w in range(sh.ublock_w, space_w + 1, sh.ublock_w):
                if (h, w) in wont_fit:
                    continue
                ib_h = _ceil_to(-(-((h - 1) * sy + min(dkh, SUBKERNEL_MAX)) // upscale),
                                sh.ublock_h)
                ib_w = _ceil_to(-(-((w - 1) * sx + min(dkw, SUBKERNEL_MAX)) // upscale),
                                sh.ublock_w)
                ib_d = depth if depthwise else ifm_block_d
                ifm_banks = _ceil_to(-(-(ib_h * ib_w * _ceil_to(ib_d * ifm_bits // 8, 8)) // 1024)
                                     * 2, ifm_granule)
                acc_banks = _ceil_to(-(-(h * w * _ceil_to(depth, 8) * 4) // 1024) * 2,
                                     sh.acc32_granule)
                if 2 + ifm_banks > lut_start - acc_banks:
                    wont_fit.add((h, w))
                    continue
                full = (-(-oh // h), -(-ow // w), -(-od // depth))
                weight = float(kh * kw * idp * full[0] * full[1])
                if not depthwise:
                    weight *= od / depth * depth
                ifm_fetch = float(ib_h * ib_w * idp * repeats) * (oh / h) * (ow / w)
                if not depthwise:
                    ifm_fetch *= full[2]
                cost = (ifm_fetch + weight) / float(oh * ow * od)
                if ih * iw * idp < ib_h * ib_w * ib_d * 2:
                    cost /= 2.0
                if cost <= best:
                    if cost == best:
                        cov = ih * iw / max(min(ih, ib_h) * min(iw, ib_w), 1)
                        if not (cov <= best_cov and h <= 4 and w <= 4):
                            continue
                        best_cov = cov
                    else:
                        best_cov = np.inf
                    best, out = cost, (h, w, depth)
        depth += sh.ublock_d
        if depth < od:
            depth = _ceil_to(depth, 16)
    return out if out is not None else (sh.ublock_h, sh.ublock_w, sh.ublock_d)


_ofm_block_cached = functools.lru_cache(maxsize=None)(ofm_block)


def _conv_blocks(rec: dict, platform: str) -> tuple[np.ndarray, np.ndarray]:
    """Per operator ``(refetches, block depth)`` ``[n_ops]`` each (:func:`weight_refetches`;
    block depth 0 where there is no convolution block)."""
    pl = _platform(platform)
    x, n, ops, _, prods = _graph(rec)
    col = lambda v, c: int(round(x[v, _COL[c]]))  # noqa: E731
    out, bdepth = np.zeros(n), np.zeros(n)
    for v in range(n):
        if ops[v] not in SLICED:
            continue
        ins = [p for p in prods[v] if not _is_const(x, n, p)]
        if not ins:
            continue
        p = max(ins, key=lambda u: x[u, _COL["shape3"]] * x[u, _COL["shape1"]])
        tconv = ops[v] == "TRANSPOSE_CONV"
        oh, ow, od = col(v, "shape1"), col(v, "shape2"), col(v, "shape3")
        blk = _ofm_block_cached(
            pl, (oh, ow, od), (col(p, "shape1"), col(p, "shape2"), col(p, "shape3")),
            (col(v, "kernel_h"), col(v, "kernel_w")),
            (1, 1) if tconv else (col(v, "stride_h"), col(v, "stride_w")),
            (max(col(v, "dilation_h_factor"), 1), max(col(v, "dilation_w_factor"), 1)),
            ops[v] == "DEPTHWISE_CONV_2D", 16 if x[p, _COL["dtype_int16"]] > 0.5 else 8,
            2 if tconv else 1)
        out[v] = -(-max(oh, 1) // blk[0]) * -(-max(ow, 1) // blk[1])
        bdepth[v] = blk[2]
    return out, bdepth


def weight_refetches(rec: dict, platform: str) -> np.ndarray:
    """Per operator, how often Vela 5.2 reads a convolution's weights ``[n_ops]``: the
    number of OFM blocks in height x width (regor's ``weightsRefetch``) with the block of
    :func:`ofm_block`, for CONV_2D / DEPTHWISE_CONV_2D / TRANSPOSE_CONV with a 4-D
    feature-map input; 0 for every other operator (rule "blocks", session 22)."""
    return _conv_blocks(rec, platform)[0]


def _in_use(fm: np.ndarray, buf: np.ndarray, pre: np.ndarray) -> np.ndarray:
    """``fm(k) + buf(k) + pre(k')`` per operator ``k`` (module doc): its feature maps,
    its weight buffer and the pre-buffered part of the next operator ``k'`` after it
    that buffers weights."""
    nxt = np.zeros(len(fm))
    following = 0.0
    for k in range(len(fm) - 1, -1, -1):
        nxt[k] = following
        if buf[k] > 0:
            following = pre[k]
    return fm + buf + nxt


def vela_order(rec: dict, concat_first: bool = False) -> np.ndarray:
    """The operators in the order Vela 5.2 runs them (rule "vorder", session 30)
    ``[n_ops]`` (a permutation of ``range(n_ops)``): a depth-first post-order walk from
    the graph's outputs (the operators without consumers, the last one first) that
    enters each operator's producing operators last input first, each operator once;
    an operator no output reaches keeps its TFLite place after them. This is the walk
    of Vela's C++ backend (regor's ``Graph::TraverseGraphFromEnd``: a stack seeded with
    the outputs' writers, each popped operator pushing the writers of its inputs in
    input order), read in a public copy of Vela's sources and written here from that
    reading; Vela runs it on its optimised graph, we on the TFLite graph [U].
    ``concat_first`` (rule "vorder_cat"): a CONCATENATION's inputs are entered first
    input first [U: read off BiSeNet's trace, where Vela runs the first input's branch
    first]. How often each agrees with Vela's printed order is measured in
    ``docs/RESULTS.md`` (session 30)."""
    _, n, ops, cons, prods = _graph(rec)
    ins = [[p for p in (prods[v] if concat_first and ops[v] == "CONCATENATION"
                        else reversed(prods[v])) if p < n] for v in range(n)]
    done = np.zeros(n, bool)
    order: list[int] = []
    for root in [v for v in range(n - 1, -1, -1) if not cons[v]]:
        if done[root]:
            continue
        done[root] = True
        stack = [(root, iter(ins[root]))]
        while stack:
            v, it = stack[-1]
            for p in it:
                if not done[p]:
                    done[p] = True
                    stack.append((p, iter(ins[p])))
                    break
            else:
                stack.pop()
                order.append(v)
    order += [v for v in range(n) if not done[v]]
    return np.asarray(order, np.int64)


def _reordered(rec: dict, order: np.ndarray) -> dict:
    """``rec`` with operator ``order[i]`` renumbered ``i`` (other nodes unchanged)."""
    n = int(rec["n_ops"])
    new = np.arange(len(rec["x"]))
    new[order] = np.arange(n)
    perm = np.concatenate([order, np.arange(n, len(rec["x"]))])
    ops = list(rec["ops"])
    out = {**rec, "x": np.asarray(rec["x"])[perm],
           "senders": new[np.asarray(rec["senders"], np.int64)],
           "receivers": new[np.asarray(rec["receivers"], np.int64)],
           "ops": [ops[v] for v in order]}
    if "cat" in rec:
        out["cat"] = np.asarray(rec["cat"])[perm]
    if "enc_weight_bytes" in rec:  # candidate "*_enc": per operator
        out["enc_weight_bytes"] = np.asarray(rec["enc_weight_bytes"])[order]
    if "half_pixel_x2" in rec:  # candidate "*_hpx": per operator
        out["half_pixel_x2"] = np.asarray(rec["half_pixel_x2"])[order]
    return out


def _rule(rule: str) -> str:
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}")
    return rule


def node_sram_bytes(rec: dict, platform: str, cycles: np.ndarray | None = None,
                    rule: str = DEFAULT_RULE, test_cycles: np.ndarray | None = None) -> np.ndarray:
    """Per node ``[N]``: for operator ``k`` the SRAM bytes in use while it runs,
    ``fm(k) + buf(k) + pre(k')`` (module doc, ``k'`` the next operator after ``k``
    that buffers weights); input nodes get their own bytes as in
    :func:`jaxeff.gnn.bounds.live_bytes` (constants 0). Its maximum over operators is
    :func:`sram_bytes`. ``rule``: the weight buffers of :func:`refetch_buffers`
    ("refetch", session 20) or :func:`weight_buffers` ("own", session 18; the per-node
    base of ``FitConfig(memory_base="rules")``), or "refetch" with the operators in
    Vela's order (:func:`vela_order`; "vorder", "vorder_cat", "vorder_cat_smx" and
    "vorder_cat_smx_lin", the default since session 31, :data:`DEFAULT_RULE`), or
    "vorder_cat_smx_lin_split" (session 32: and the convolutions Vela splits per output
    pixel, :func:`split_convs`), or "vorder_cat_smx_lin_split_u65buf" (the default since
    session 32, addendum 2: and on the U65 the whole weights of an operator
    whose copy hides under the previous operator, buffered while that one runs;
    :func:`refetch_buffers` ``whole_prebuffer``). ``test_cycles``: per-operator cycles for the
    U65 whole-weight test alone (candidate Lo, session 43; :func:`refetch_buffers`)."""
    _rule(rule)
    if test_cycles is not None:
        test_cycles = _checked_cycles(test_cycles, int(rec["n_ops"]))
    return _node_sram(rec, platform, cycles, rule, test_cycles=test_cycles)


def _node_sram(rec: dict, platform: str, cycles: np.ndarray | None, rule: str,
               softmax: bool = False, narrow: bool = False,
               split: bool = False, prebuffer: bool = False,
               split_slack: bool = False, pad_through: bool = False,
               whole_slack: np.ndarray | None = None, row_blocks: str = "",
               big_act: bool = False, wlive: bool = False,
               own_cycles: np.ndarray | None = None, area_blocks: str = "",
               block_q: bool = False, visible: bool = False,
               one_reader: bool = False, split_pool: bool = False,
               carry_back: bool = False, pool_concat_copy: bool = False,
               resize_chain: bool = False, ew_one: bool = False,
               lut_narrow: bool = False, half_pixel_x2: bool = False,
               split_act: bool = False, split_act_copy: bool = False,
               prebuffer_copy: bool = False,
               test_cycles: np.ndarray | None = None, split_pool_slack: bool = False) -> np.ndarray:
    n = int(rec["n_ops"])
    out = np.array(live_bytes(rec), np.float64)
    if n == 0:
        return out
    if cycles is None and rule.endswith("_vcyc"):  # candidates "*_vcyc" (session 33)
        cycles = vela_cycles(rec, platform)
    if "_vslack" in rule:  # candidates "*_vslack" (session 33, addendum 1); "*_dwc" (addendum 3)
        whole_slack = vela_cycles(rec, platform, depthwise="_dwc" in rule)
    if rule.endswith("_enc") and "enc_weight_bytes" not in rec and rec.get("graph") is not None:
        # candidate "*_enc" (session 39); a record without its TFLite graph (a stored
        # dataset record) keeps the estimate of :func:`encoded_weight_bytes`
        rec = {**rec, "enc_weight_bytes": codec_weight_bytes(rec, platform)}
    if "_hpx" in rule and "half_pixel_x2" not in rec:  # candidate "*_hpx" (session 39)
        rec = {**rec, "half_pixel_x2": half_pixel_x2_resizes(rec)}
    if rule.startswith("vorder"):  # rule "refetch" on the operators in Vela's order
        _graph(rec)  # validates ``ops``
        order = vela_order(rec, concat_first=rule.startswith("vorder_cat"))
        if cycles is not None:
            cycles = _checked_cycles(cycles, n)[order]
        if whole_slack is not None:
            whole_slack = whole_slack[order]
        if test_cycles is not None:  # checked by node_sram_bytes
            test_cycles = test_cycles[order]
        own = conv_ublock_cycles(rec, platform)[order] if "_ublk" in rule else None
        out[order] = _node_sram(_reordered(rec, order), platform, cycles, "refetch",
                                "_smx" in rule, "_lin" in rule, "_split" in rule,
                                "_u65buf" in rule, "_spslack" in rule,
                                "_vcyc" in rule or "_vslack" in rule, whole_slack,
                                "h" if "_1xwh" in rule else "hw" if "_1xw" in rule else "",
                                "_bigact" in rule, "_wlive" in rule, own,
                                "dom" if "_vblk_dom" in rule else "vblk" if "_vblk" in rule else "",
                                "_bdq" in rule, "_bdq_vis" in rule,
                                one_reader="_1rd" in rule, split_pool="_spool" in rule,
                                carry_back="_spool_cb" in rule,
                                pool_concat_copy="_pcat" in rule,
                                resize_chain="_rsz" in rule, ew_one="_ew1" in rule,
                                lut_narrow="_lut" in rule, half_pixel_x2="_hpx" in rule,
                                split_act="_sact" in rule, split_act_copy="_sact2" in rule,
                                prebuffer_copy="_pbt" in rule, test_cycles=test_cycles,
                                split_pool_slack="_psl" in rule)[:n]
        return out
    fm = feature_map_live(rec, CONCAT_IN_PLACE and rule != "own", softmax, narrow, split, big_act,
                          one_reader, split_pool, carry_back, pool_concat_copy, resize_chain, ew_one,
                          lut_narrow, half_pixel_x2, split_act, split_act_copy)
    held = np.zeros(n)  # weights pre-buffered whole under an operator (rule "*_u65buf")
    last = np.zeros(n) if wlive else None  # candidate "*_wlive" (addendum 5)
    under = np.zeros(n) if wlive else None
    if rule == "own":
        buf, pre = weight_buffers(rec, platform, cycles)
    else:
        if cycles is None and "_dw" in rule:
            cycles = roofline_cycles(rec, platform, depthwise_lanes=True)
        buf, pre = refetch_buffers(rec, platform, cycles, blocks=rule.startswith("blocks"),
                                   prev_slack="prev" in rule, block_depth=rule.endswith("_q") or block_q,
                                   split=split, whole_prebuffer=prebuffer, held=held,
                                   split_slack=split_slack, pad_through=pad_through,
                                   whole_slack=whole_slack, row_blocks=row_blocks,
                                   last_slice=last, under=under, own_cycles=own_cycles,
                                   area_blocks=area_blocks, visible=visible,
                                   prebuffer_copy=prebuffer_copy, test_cycles=test_cycles,
                                   split_pool_slack=split_pool_slack)
    if wlive:  # a two-slice buffer's first slice is gone when the next weights are fetched
        out[:n] = fm + np.where(last > 0, np.maximum(buf, last + under + held), buf + under + held)
        return out
    out[:n] = _in_use(fm, buf, pre) + held
    return out


def sram_bytes(rec: dict, platform: str, cycles: np.ndarray | None = None,
               rule: str = DEFAULT_RULE, test_cycles: np.ndarray | None = None) -> float:
    """Estimated Vela "Total SRAM used" bytes of a record on ``platform`` ("u55" /
    "u65"): the maximum over operators of :func:`node_sram_bytes` (module doc)."""
    n = int(rec["n_ops"])
    _rule(rule)
    if n == 0:
        _platform(platform)
        return 0.0
    return float(np.max(node_sram_bytes(rec, platform, cycles, rule, test_cycles)[:n]))
