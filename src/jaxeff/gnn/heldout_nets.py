"""Published architectures no PerfSAGE training space draws, for held-out tests (issue 22).

PerfSAGE (Chai et al., arXiv 2301.10999) claims predictions for arbitrary graphs. These
networks, written with :class:`jaxeff.gnn.build.NetBuilder` (float32, seeded weights,
batch norm folded away, as a converted inference graph has it), test that claim on
structures outside the training spaces (:mod:`jaxeff.gnn.spaces`):

* :func:`squeezenet11`: SqueezeNet 1.1 (Iandola et al., arXiv 1602.07360; the v1.1
  layout of the authors' release: 3x3 stride-2 stem with 64 channels, pools after the
  stem and fire modules 2 and 4). A fire module squeezes with a 1x1 conv and expands
  with parallel 1x1 and 3x3 convs joined by CONCATENATION.
* :func:`googlenet`: GoogLeNet / Inception-v1 (Szegedy et al., arXiv 1409.4842,
  Table 1), without the auxiliary heads and the local response normalisation. An
  inception module has four parallel branches (1x1; 1x1 -> 3x3; 1x1 -> 5x5; 3x3 max
  pool -> 1x1) joined by CONCATENATION.
* :func:`mobilenet_v3`: MobileNet-v3 Small / Large (Howard et al., arXiv 1905.02244,
  Tables 1 and 2). Its squeeze-excite gate is the hard sigmoid ``relu6(x + 3) / 6``
  (ADD, RELU6, MUL, as Keras converts it), then a broadcast MUL. The ``mbconv``
  training space draws squeeze-excite with a LOGISTIC gate and hard-swish, so this
  family only partly lies outside training: a control, not a new family. The paper's
  SE on the last 1x1 conv of Small is left out (as in common releases) [U].

Session 18 (pre-registered before they were built):

* :func:`densenet121`: DenseNet-121 (Huang et al., arXiv 1608.06993, Table 1): dense
  blocks of 6 / 12 / 24 / 16 layers (1x1 bottleneck of 4 x 32, then a 3x3 conv of
  growth 32, CONCATENATION of the layer's output onto all earlier maps of the block),
  transitions halving the channels (1x1 conv, 2x2 average pool). The pre-activation
  batch norm before each bottleneck and transition cannot fold into a conv; it is
  left out and its ReLU kept standalone [U].
* :func:`vgg11_cifar`: VGG-11 (Simonyan and Zisserman, arXiv 1409.1556, configuration
  A) on a 32x32 CIFAR-10 input with one 512 -> 10 FULLY_CONNECTED, the usual CIFAR
  head [U]: a plain 3x3 stack with max pools.
* :func:`tiny_yolov2`: Tiny-YOLOv2 for VOC (Redmon and Farhadi, arXiv 1612.08242, the
  tiny model of the release, 6.97 GFLOPs at 416): 3x3 convs of 16 ... 1024, each with a
  standalone LEAKY_RELU 0.1 (batch norm folded), 2x2 max pools (the last with stride 1,
  SAME), and a 1x1 conv of 125 = 5 x (20 + 5); the region decoding is left out.

Session 19 (pre-registered before they were built; the ``resnet`` and ``families``
training spaces overlap them in part):

* :func:`resnet18`: ResNet-18 at 224 (He et al., arXiv 1512.03385, Table 1): basic
  blocks of two 3x3 convs, 1x1 stride-2 projection shortcuts, ADD with fused RELU.
* :func:`resnet50`: ResNet-50 at 224 (same paper and table): 1x1 / 3x3 / 1x1 x 4
  bottleneck blocks, the stride on the 3x3 conv (torchvision's "v1.5").
* :func:`efficientnet_b0`: EfficientNet-B0 at 224 (Tan and Le, arXiv 1905.11946,
  Table 1): MBConv blocks with squeeze-excite (ratio 0.25 of the block's input
  channels, LOGISTIC gate, broadcast MUL) and swish written as ``x * LOGISTIC(x)``.

Session 19, held-out families IV (pre-registered before they were built):

* :func:`mobilenet_v1`: MobileNet-v1 1.0 at 224 (Howard et al., arXiv 1704.04861,
  Table 1): 13 depthwise-separable blocks with RELU6; the ``families`` space draws its
  VWW form only up to alpha 0.5 at 128 pixels.
* :func:`tiny_yolov3`: Tiny-YOLOv3 at 416 (Redmon and Farhadi, arXiv 1804.02767, the
  release's tiny config): two heads, a 2x nearest up-sampling and a CONCATENATION
  with the 26x26 map; returns both head outputs.
* :func:`inception_v3`: Inception-v3 at 299 (Szegedy et al., arXiv 1512.00567;
  Keras / torchvision widths): factorised 1x7 / 7x1 and 1x3 / 3x1 convolutions in
  four-branch modules.
* :func:`pilotnet`: NVIDIA PilotNet on 66x200 (Bojarski et al., arXiv 1604.07316,
  Figure 4): five VALID convs, FC 100 / 50 / 10 and a one-value regression output.

Session 19, held-out families V (pre-registered before they were built):

* :func:`ghostnet`: GhostNet 1.0 at 224 (Han et al., arXiv 1911.11907, Table 1):
  ghost modules (1x1 conv, cheap 3x3 depthwise on its output, CONCATENATION) in
  bottlenecks with hard-sigmoid squeeze-excite and depthwise + 1x1 shortcuts.
* :func:`mnasnet_a1`: MnasNet-A1 at 224 (Tan et al., arXiv 1807.11626, Figure 7(a)):
  MBConv blocks with RELU and LOGISTIC-gated squeeze-excite.
* :func:`xception`: Xception at 299 (Chollet, arXiv 1610.02357, Figure 5): separable
  convs, 1x1/2 conv residuals around max pools, standalone RELU pre-activations.

Session 20, held-out families VI (pre-registered before they were built; the
``resnet``, ``mbconv`` / ``families`` and ``plain`` training spaces overlap them in
part, SqueezeNet 1.1 is an earlier test model):

* :func:`resnet34`: ResNet-34 at 224 (He et al., arXiv 1512.03385, Table 1): the
  ResNet-18 basic blocks, 3-4-6-3 per stage.
* :func:`mobilenet_v2`: MobileNet-v2 1.4 at 224 (Sandler et al., arXiv 1801.04381,
  Table 2): inverted residuals with linear bottlenecks and RELU6, widths rounded to
  multiples of 8, the last 1x1 conv 1792.
* :func:`squeezenet10`: SqueezeNet 1.0 at 224 (Iandola et al., arXiv 1602.07360,
  Table 1): 7x7/2 stem of 96, fire modules 2-9, conv10.
* :func:`darknet19`: Darknet-19 at 224 (Redmon and Farhadi, arXiv 1612.08242, Table
  6): 3x3 / 1x1 convs with standalone LEAKY_RELU 0.1, 2x2 max pools, 1x1 classifier
  conv, global average pool.

Session 20, held-out families VII (pre-registered before they were built; the
``plain`` space draws DenseNet-BC blocks and the ``upsample`` space small UNets;
DenseNet-121, GoogLeNet and Inception-v3 are earlier test models):

* :func:`peleenet`: PeleeNet at 224 (Wang et al., arXiv 1804.06882, Table 1): a stem
  with a conv / max-pool CONCATENATION, two-way dense layers (3x3 and double 3x3
  branches) with post-activation RELU, uncompressed transitions.
* :func:`bn_inception`: BN-Inception / Inception-v2 at 224 (Ioffe and Szegedy, arXiv
  1502.03167, Figure 5): inception modules with a double 3x3 branch, average or max
  pool projections, stride-2 modules 3c / 4e.
* :func:`densenet169`: DenseNet-169 at 224 (Huang et al., arXiv 1608.06993, Table 1):
  the DenseNet-121 layers in blocks of 6 / 12 / 32 / 32.
* :func:`unet`: U-Net (Ronneberger et al., arXiv 1505.04597, Figure 1) on 128 x 128 x
  1 with SAME padding [U]: four 2x down / up levels of 64 ... 1024 channels, 2x2/2
  TRANSPOSE_CONV up-sampling, skip CONCATENATIONs, a 1x1 conv head.

Session 20, held-out families VIII (pre-registered before they were built; the
``plain`` space draws DenseNet-BC blocks and Darknet stacks; Inception-v3,
BN-Inception, Tiny-YOLOv3 and GhostNet 1.0 are earlier test models):

* :func:`hardnet68`: HarDNet-68 at 224 (Chao et al., arXiv 1909.00948, Table 1):
  harmonic dense blocks (layer ``l`` fed by the CONCATENATION of layers ``l - 2^n``),
  block outputs concatenating the odd layers and the last, 1x1 transitions.
* :func:`yolov4_tiny`: YOLOv4-tiny at 416 (Bochkovskiy et al., arXiv 2004.10934, the
  release's tiny config): CSP stages whose route takes the second half of the
  channels (STRIDED_SLICE), route CONCATENATIONs, LEAKY_RELU 0.1, two heads.
* :func:`inception_v4`: Inception-v4 at 299 (Szegedy et al., arXiv 1602.07261,
  Figures 3-9): the stem's conv / pool CONCATENATIONs, 4 x A, 7 x B, 3 x C modules
  and the two reductions.
* GhostNet 1.3 at 224: :func:`ghostnet` with ``width=1.3`` (a width variant of the
  GhostNet 1.0 test model).

Session 21, held-out families IX (pre-registered before they were built; the
``mbconv`` / ``families`` / ``detect`` spaces draw MobileNet-v2 inverted residuals and
small SSDLite detectors, ``upsample`` TRANSPOSE_CONV decoders):

* :func:`deeplabv3_mobilenet_v2`: DeepLabv3 on MobileNet-v2 at 513 (Chen et al., arXiv
  1706.05587; Sandler et al., arXiv 1801.04381, Table 7): output stride 16 with dilated
  depthwise convs, image pooling, bilinear up-sampling of the logits.
* :func:`erfnet`: ERFNet at 512 x 256 (Romera et al., IEEE T-ITS 2018, Table 1):
  conv / max-pool downsamplers, factorised non-bottleneck-1D blocks dilated up to 16,
  a TRANSPOSE_CONV decoder.
* :func:`ssdlite_mobilenet_v2`: SSDLite on MobileNet-v2 at 320 (arXiv 1801.04381,
  Table 6): six feature maps, depthwise-separable box and class heads with RESHAPE and
  CONCATENATION; two outputs.
* :func:`mobilefacenet`: MobileFaceNet at 112 (Chen et al., arXiv 1804.07573, Table 1):
  bottlenecks with standalone PRELU, a 7x7 global depthwise conv, a 128-d embedding.

Session 21, held-out families X (pre-registered in addendum 5 before they were built;
the ``mbconv`` / ``families`` spaces draw MBConv blocks, ``resnet`` CIFAR ResNets,
``upsample`` TRANSPOSE_CONV decoders, ``detect`` small SSDLite detectors):

* :func:`mnasnet_b1`: MnasNet-B1 at 224 (Tan et al., arXiv 1807.11626 v1, Figure 7):
  the SE-free MnasNet, MBConv3 / MBConv6 blocks with 3x3 and 5x5 depthwise convs.
* :func:`linknet`: LinkNet at 512 x 256 (Chaurasia and Culurciello, arXiv 1707.03718):
  a ResNet-18 encoder, decoders of 1x1 / 3x3 TRANSPOSE_CONV / 1x1 convs with ADD
  bypasses from the encoder.
* :func:`wide_resnet_cifar`: WRN-16-4 on 32 x 32 (Zagoruyko and Komodakis, arXiv
  1605.07146, Table 1): pre-activation basic blocks of 64 / 128 / 256 channels.
* :func:`ssd_mobilenet_v1`: SSD 300 on MobileNet-v1 (Howard et al., arXiv 1704.04861,
  Table 13): regular 3x3/2 extra layers and 1x1 box / class predictors; two outputs.

Session 22, held-out families XI (pre-registered before they were built; only session
22's ``ext`` space draws dilated convolutions, written with these four in mind; ``upsample`` draws PRELU, TRANSPOSE_CONV and x2
bilinear resizes, ``mbconv`` depthwise convs and squeeze-excite, ``plain`` dense
CONCATENATIONs; ERFNet and MobileFaceNet are earlier test models), all at 512 x 256
with 19 Cityscapes classes:

* :func:`espnet`: ESPNet (Mehta et al., arXiv 1803.06815): ESP modules of five
  parallel 3x3 convs dilated 1 ... 16, hierarchical ADD fusion, CONCATENATION,
  standalone PRELU, average-pooled input injection, a TRANSPOSE_CONV decoder.
* :func:`cgnet`: CGNet_M3N21 (Wu et al., arXiv 1811.08201): context guided blocks of a
  depthwise and a dilated depthwise branch, CONCATENATION, PRELU and a global-context
  gate (MEAN, 1x1 convs, LOGISTIC, MUL); bilinear x8 up-sampling.
* :func:`edanet`: EDANet (Lo et al., arXiv 1809.06323): dense modules of asymmetric
  3x1 / 1x3 convs dilated up to 16, each output concatenated onto its input.
* :func:`dabnet`: DABNet (Li and Kim, arXiv 1907.11357): bottlenecks with depthwise
  3x1 / 1x3 branches (one dilated up to 16) and standalone PRELU everywhere.

Session 22, held-out families XII (the ``mbconv`` / ``families`` spaces draw MBConv
blocks with kernels 3 / 5 / 7, ``shuffle`` the channel shuffle, ``plain`` VGG stacks
with flatten + FC):

* :func:`proxylessnas_mobile`: ProxylessNAS-Mobile at 224 (Cai et al., arXiv
  1812.00332, Figure 4): MBConv3 / MBConv6 blocks with 3x3, 5x5 and 7x7 depthwise
  convs and RELU6.
* :func:`mixnet_s`: MixNet-S at 224 (Tan and Le, arXiv 1907.09595, Figure 8(a)):
  MixConv (channel SPLIT, depthwise 3x3 ... 11x11 a group, CONCATENATION), grouped 1x1
  convs as SPLIT / CONV_2D / CONCATENATION, squeeze-excite, swish.
* :func:`fbnet_a`: FBNet-A at 224 (Wu et al., arXiv 1812.03443, Figure 4): MBConv
  blocks, three with grouped 1x1 convs and a channel shuffle.
* :func:`alexnet`: AlexNet at 224 (Krizhevsky et al., NeurIPS 2012; torchvision's
  one-GPU layout): 11x11/4 stem, max pools, FC 9216 -> 4096 -> 4096 -> 1000.

Session 22, held-out families XIII (only the ``ext`` space draws dilated convolutions,
at maps of at most 64 pixels, and resizes by 4; none by 8; ``mbconv`` / ``families`` draw MobileNet-v2 bottlenecks, ``shuffle``
the channel SPLIT and shuffle, ``resnet`` CIFAR-scale basic blocks; DeepLabv3, ERFNet
and ResNet-18 / -34 are earlier test models):

* :func:`deeplabv3plus_mobilenet_v2`: DeepLabv3+ on MobileNet-v2 at 513 (Chen et al.,
  arXiv 1802.02611): ASPP of separable 3x3 convs at atrous rates 6 / 12 / 18, image
  pooling, a decoder concatenating 48 low-level channels at 1/4, x4 resizes.
* :func:`drn_c_26`: DRN-C-26 at 224 (Yu et al., arXiv 1705.09914): basic blocks
  dilated 2 and 4 at output stride 8, non-residual degridding blocks.
* :func:`lednet`: LEDNet at 512 x 256 (Wang et al., arXiv 1905.02423): split-shuffle
  non-bottleneck modules dilated up to 17, the attention pyramid network decoder.
* :func:`fast_scnn`: Fast-SCNN at 1024 x 512 (Poudel et al., arXiv 1902.04502):
  learning to down-sample, bottlenecks with pyramid pooling, x4 feature fusion.

Session 22, held-out families XIV (the ``plain`` space draws VGG configurations at
<= 160 px, ``ext`` factorised k x 1 / 1 x k convs, ``families`` EfficientNet-Lite at
depth <= 1 and <= 224 px, ``detect`` MobileNet-v2 at depth <= 0.5):

* :func:`vgg16`: VGG-16 at 224 (Simonyan and Zisserman, arXiv 1409.1556, Table 1,
  configuration D): 13 3x3 convs, max pools, FC 25088 -> 4096 -> 4096 -> 1000.
* :func:`squeezenext23`: 1.0-SqNxt-23 at 227 (Gholami et al., arXiv 1803.10615; the
  authors' Caffe release): two-stage 1x1 squeezes, 3x1 / 1x3 convs, 1x1 expansion,
  residual ADD with 1x1 projection shortcuts.
* :func:`efficientnet_lite2`: EfficientNet-Lite2 at 260 (the TF EfficientNet-Lite
  release): B0 stages at width 1.1 / depth 1.2 without SE, RELU6, fixed stem and head.
* :func:`mobilenet_v2_035`: MobileNet-v2 0.35 at 96 (arXiv 1801.04381; the TF-slim
  ``mobilenet_v2_0.35_96``).

Session 22, held-out families XV (segmentation nets; ``resnet`` draws CIFAR-scale
basic blocks, ``mbconv`` / ``families`` MobileNet-v2 bottlenecks, ``plain`` VGG
stacks, ``upsample`` TRANSPOSE_CONV decoders; ResNet-18, VGG-16, Fast-SCNN and
DeepLabv3 are earlier test models):

* :func:`bisenet_resnet18`: BiSeNet on ResNet-18 at 512 x 256 (Yu et al., arXiv
  1808.00897): a spatial path beside a ResNet-18 context path, attention refinement
  gates, a gated feature fusion module, x8 up-sampling.
* :func:`contextnet14`: ContextNet-14 at 1024 x 512 (Poudel et al., arXiv
  1805.04554): a full-resolution shallow branch and a MobileNet-v2 branch on the
  input / 4, fused by x4 up-sampling and ADD.
* :func:`pspnet_mobilenet_v2`: PSPNet on a dilated MobileNet-v2 at 512 (Zhao et al.,
  arXiv 1612.01105): output stride 8, a pyramid pooling module, x8 up-sampling.
* :func:`fcn8s_vgg16`: FCN-8s on VGG-16 at 256 (Long et al., arXiv 1411.4038): fc6 /
  fc7 as convs, two 4x4/2 TRANSPOSE_CONVs with pool4 / pool3 skip ADDs, x8
  up-sampling.

Session 22, held-out families XVI (the ``resnet`` space draws CIFAR-scale bottleneck
blocks, ``families`` the VWW MobileNet-v1 at alpha <= 0.5 and <= 128 px, ``plain``
Darknet stacks, ``shuffle`` the ShuffleNet-v2 shuffle of 2 groups):

* :func:`resnet101`: ResNet-101 at 224 (He et al., arXiv 1512.03385, Table 1): the
  ResNet-50 bottlenecks, 3-4-23-3 per stage.
* :func:`mobilenet_v1_050_160`: MobileNet-v1 0.5 at 160 (arXiv 1704.04861; the TF-slim
  ``mobilenet_v1_0.5_160``).
* :func:`darknet53`: Darknet-53 at 256 (Redmon and Farhadi, arXiv 1804.02767, Table
  1): 3x3/2 down-sampling convs, residual 1x1 / 3x3 blocks, LEAKY_RELU 0.1.
* :func:`shufflenet_v1`: ShuffleNet v1 1x, g = 3, at 224 (Zhang et al., arXiv
  1707.01083, Table 1): grouped 1x1 convs, a 3-group channel shuffle, depthwise 3x3
  convs, average-pool shortcuts concatenated in the stride-2 units.

Session 23, held-out families XVII (pre-registered before they were built; named for
many operators writing into one CONCATENATION; ``plain`` draws DenseNet-BC chains and
Darknet stacks, ``upsample`` 2-3 level UNets, ``detect`` SSD heads; DenseNet,
YOLOv4-tiny, U-Net and SSD-MobileNet-v1 are earlier test models):

* :func:`vovnet27_slim`: VoVNet-27-slim at 224 (Lee et al., arXiv 1904.09730, Table
  1): one-shot aggregation modules (five chained 3x3 convs, ONE CONCATENATION of the
  module input and all five outputs, a 1x1 conv), 3x3/2 max pools between stages.
* :func:`yolov5n`: YOLOv5n (Ultralytics v6.0) at 320: a 6x6/2 stem, C3 blocks, SPPF
  (three chained 5x5/1 max pools, CONCATENATION of four), a PAN neck with nearest x2
  up-sampling, SiLU as ``x * LOGISTIC(x)``; three heads.
* :func:`unetpp`: UNet++ L4 on 128 x 128 x 3 (Zhou et al., arXiv 1807.10165, Figure
  1): nested dense skip CONCATENATIONs of 2 ... 5 maps, 2x2/2 TRANSPOSE_CONVs.
* :func:`retinaface_mnet025`: RetinaFace on MobileNet-0.25 at 320 (Deng et al., arXiv
  1905.00641): LEAKY_RELU MobileNet-v1 0.25, an FPN (nearest x2 + ADD), SSH context
  modules (three conv branches into one CONCATENATION); box, class and landmark
  outputs.

Session 23, held-out families XVIII (pre-registered before they were built; the
``resnet`` space draws CIFAR-scale bottleneck blocks, ``mbconv`` / ``families`` MBConv
blocks with kernels 3 / 5 / 7, squeeze-excite only inside them and EfficientNet-Lite,
``plain`` VGG stacks; ResNet-50 / -101, AlexNet, MnasNet-B1, ProxylessNAS-Mobile and
EfficientNet-B0 / -Lite2 are earlier test models):

* :func:`se_resnet50`: SE-ResNet-50 at 224 (Hu et al., arXiv 1709.01507, Table 1): the
  ResNet-50 bottlenecks with squeeze-excite (MEAN, 1x1 to C / 16 RELU, 1x1 to C,
  LOGISTIC, broadcast MUL) on the residual branch before the ADD.
* :func:`nin`: Network in Network at 224 (Lin et al., arXiv 1312.4400; the Caffe model
  zoo's ImageNet model): mlpconv blocks (a kxk conv and two 1x1 convs), a 1000-channel
  conv classifier, global average pool; the 11x11/4 stem as space-to-depth.
* :func:`spnasnet100`: SPNASNet-100 at 224 (Stamoulis et al., arXiv 1904.02877): MBConv3
  / MBConv6 blocks with 3x3 and 5x5 depthwise convs and RELU, no squeeze-excite.
* :func:`efficientnet_edgetpu_s`: EfficientNet-EdgeTPU-S at 224 (the TF
  EfficientNet-EdgeTPU release): fused MBConv (3x3 expansion convs) in the first
  three stages, MBConv after, RELU, no squeeze-excite.

Session 23, held-out families XIX (pre-registered before they were built, addendum 3:
SiLU written ``x * LOGISTIC(x)``, the LOGISTIC sharing its producer with the MUL;
the ``silu`` space named in the same addendum is to draw such blocks, ``plain``
draws Darknet stacks, ``mbconv`` / ``families`` MBConv with squeeze-excite and
MobileNet-v1 stacks; YOLOv5n, EfficientNet-B0 / -EdgeTPU-S and MobileNet-v1 are
earlier test models):

* :func:`yolov8n`: YOLOv8n (Ultralytics 2023) at 320: C2f blocks (SPLIT, bottleneck
  outputs appended into one CONCATENATION), SPPF, a PAN-FPN neck without laterals,
  decoupled box (64) / class (80) heads; three outputs, DFL left out.
* :func:`yolox_nano`: YOLOX-Nano at 416 (Ge et al., arXiv 2107.08430): a Focus stem
  as space-to-depth, depthwise CSP layers, SPP (5 / 9 / 13), PAFPN, decoupled heads
  (box 4, objectness 1, classes 80); three outputs.
* :func:`efficientnetv2_b0`: EfficientNetV2-B0 at 224 (Tan and Le, arXiv 2104.00298):
  fused MBConv (3x3 expansion convs) early, MBConv with squeeze-excite later, SiLU.
* :func:`mobileone_s0`: MobileOne-S0 at 224 (Vasu et al., arXiv 2206.04861) in its
  re-parameterised inference form: 3x3 depthwise and 1x1 convs with RELU; a control
  without SiLU.

The image classifiers take a ``[1, H, W, 3]`` input and end in FULLY_CONNECTED (or a
1x1 conv) and SOFTMAX; Tiny-YOLOv2 ends in its 1x1 head, Tiny-YOLOv3 and YOLOv4-tiny
in two, PilotNet in a FULLY_CONNECTED of one output, the U-Net in a 1x1 conv of
per-pixel logits, DeepLabv3, ERFNet and LinkNet in per-pixel logits at the input size,
SSDLite and SSD-MobileNet-v1 in their box and class CONCATENATIONs, MobileFaceNet in a
RESHAPE of its embedding, ESPNet, CGNet, EDANet, DABNet, DeepLabv3+, LEDNet and
Fast-SCNN, BiSeNet, ContextNet, PSPNet and FCN-8s in per-pixel logits at the input
size, YOLOv5n in three heads, UNet++ in a 1x1 conv of per-pixel logits, RetinaFace in
its box, class and landmark CONCATENATIONs, YOLOv8n and YOLOX-Nano in three
CONCATENATIONs of their decoupled heads.

Length (about 3380 lines): a catalogue of 71 published builders, each short and cited,
that share the SE / activation / rounding / MobileNet body / SSD head / YOLO block and
neck helpers and one MAC-pinning test file; one module per family would duplicate
those helpers. Split it when a builder needs more than helpers.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.spaces_families import EFFNET_B0
from jaxeff.gnn.spaces import _act, _fused  # the spaces' fused-or-standalone rule
from jaxeff.gnn.spaces_silu import swish as _swish  # SiLU as LOGISTIC then MUL

__all__ = ["bn_inception", "darknet19", "deeplabv3_mobilenet_v2", "densenet121",
           "densenet169", "efficientnet_b0", "erfnet", "ghostnet", "googlenet",
           "hardnet68", "inception_v3", "inception_v4", "linknet", "mnasnet_a1",
           "mnasnet_b1", "mobilefacenet", "mobilenet_v1", "mobilenet_v2",
           "mobilenet_v3", "peleenet", "pilotnet", "resnet18", "resnet34", "resnet50",
           "squeezenet10", "squeezenet11", "ssd_mobilenet_v1", "ssdlite_mobilenet_v2",
           "tiny_yolov2", "tiny_yolov3", "unet", "vgg11_cifar", "wide_resnet_cifar",
           "xception", "yolov4_tiny"]


def _fire(b: NetBuilder, x: int, squeeze: int, expand: int) -> int:
    s = b.conv(x, squeeze, 1, 1, "RELU")
    return b.concat([b.conv(s, expand, 1, 1, "RELU"), b.conv(s, expand, 3, 1, "RELU")])


def squeezenet11(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """SqueezeNet 1.1 on ``x``; returns the SOFTMAX output ``[1, classes]``."""
    x = b.pool(b.conv(x, 64, 3, 2, "RELU", "VALID"), "max", 3, 2)
    x = b.pool(_fire(b, _fire(b, x, 16, 64), 16, 64), "max", 3, 2)
    x = b.pool(_fire(b, _fire(b, x, 32, 128), 32, 128), "max", 3, 2)
    for sq, ex in ((48, 192), (48, 192), (64, 256), (64, 256)):
        x = _fire(b, x, sq, ex)
    x = b.mean(b.conv(x, classes, 1, 1, "RELU"), (1, 2), keep_dims=False)
    return b.softmax(x)


#: GoogLeNet inception modules (arXiv 1409.4842 Table 1): name -> (#1x1, #3x3 reduce,
#: #3x3, #5x5 reduce, #5x5, pool proj); "pool" marks the stride-2 max pools between
INCEPTION = (("3a", (64, 96, 128, 16, 32, 32)), ("3b", (128, 128, 192, 32, 96, 64)),
             ("pool", ()),
             ("4a", (192, 96, 208, 16, 48, 64)), ("4b", (160, 112, 224, 24, 64, 64)),
             ("4c", (128, 128, 256, 24, 64, 64)), ("4d", (112, 144, 288, 32, 64, 64)),
             ("4e", (256, 160, 320, 32, 128, 128)), ("pool", ()),
             ("5a", (256, 160, 320, 32, 128, 128)), ("5b", (384, 192, 384, 48, 128, 128)))


def googlenet(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """GoogLeNet (Inception-v1) on ``x``; returns the SOFTMAX output."""
    x = b.pool(b.conv(x, 64, 7, 2, "RELU"), "max", 3, 2, "SAME")
    x = b.conv(b.conv(x, 64, 1, 1, "RELU"), 192, 3, 1, "RELU")
    x = b.pool(x, "max", 3, 2, "SAME")
    for name, widths in INCEPTION:
        if name == "pool":
            x = b.pool(x, "max", 3, 2, "SAME")
            continue
        c1, r3, c3, r5, c5, pp = widths
        x = b.concat([
            b.conv(x, c1, 1, 1, "RELU"),
            b.conv(b.conv(x, r3, 1, 1, "RELU"), c3, 3, 1, "RELU"),
            b.conv(b.conv(x, r5, 1, 1, "RELU"), c5, 5, 1, "RELU"),
            b.conv(b.pool(x, "max", 3, 1, "SAME"), pp, 1, 1, "RELU")])
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


def _div8(v: float) -> int:
    """Channels rounded to a multiple of 8, never below 90 % of ``v`` (the
    MobileNet releases' ``make_divisible``)."""
    n = max(8, int(v + 4) // 8 * 8)
    return n + 8 if n < 0.9 * v else n


#: MobileNet-v3 bottlenecks (arXiv 1905.02244 Tables 1 / 2): (kernel, expansion
#: channels, output channels, squeeze-excite, activation, stride)
MBV3 = {
    "small": ((3, 16, 16, True, "RELU", 2), (3, 72, 24, False, "RELU", 2),
              (3, 88, 24, False, "RELU", 1), (5, 96, 40, True, "HARD_SWISH", 2),
              (5, 240, 40, True, "HARD_SWISH", 1), (5, 240, 40, True, "HARD_SWISH", 1),
              (5, 120, 48, True, "HARD_SWISH", 1), (5, 144, 48, True, "HARD_SWISH", 1),
              (5, 288, 96, True, "HARD_SWISH", 2), (5, 576, 96, True, "HARD_SWISH", 1),
              (5, 576, 96, True, "HARD_SWISH", 1)),
    "large": ((3, 16, 16, False, "RELU", 1), (3, 64, 24, False, "RELU", 2),
              (3, 72, 24, False, "RELU", 1), (5, 72, 40, True, "RELU", 2),
              (5, 120, 40, True, "RELU", 1), (5, 120, 40, True, "RELU", 1),
              (3, 240, 80, False, "HARD_SWISH", 2), (3, 200, 80, False, "HARD_SWISH", 1),
              (3, 184, 80, False, "HARD_SWISH", 1), (3, 184, 80, False, "HARD_SWISH", 1),
              (3, 480, 112, True, "HARD_SWISH", 1), (3, 672, 112, True, "HARD_SWISH", 1),
              (5, 672, 160, True, "HARD_SWISH", 2), (5, 960, 160, True, "HARD_SWISH", 1),
              (5, 960, 160, True, "HARD_SWISH", 1)),
}
#: (last 1x1 conv channels, head channels) per size
MBV3_HEAD = {"small": (576, 1024), "large": (960, 1280)}


def _conv_act(b: NetBuilder, x: int, c: int, k: int, s: int, act: str) -> int:
    return _act(b, b.conv(x, c, k, s, _fused(act)), act)


def _dw_act(b: NetBuilder, x: int, k: int, s: int, act: str, d: int = 1) -> int:
    return _act(b, b.dwconv(x, k, s, _fused(act), dilation=d), act)


def _hard_sigmoid(b: NetBuilder, x: int) -> int:
    three = b.const(np.full((1, 1, 1, 1), 3.0, np.float32))
    sixth = b.const(np.full((1, 1, 1, 1), 1 / 6, np.float32))
    return b.mul(b.add(x, three, "RELU6"), sixth)


def _se_hard(b: NetBuilder, x: int, mid: int) -> int:
    """Squeeze-excite with a hard-sigmoid gate: MEAN, 1x1 conv RELU to ``mid``, 1x1
    conv back to the channels of ``x``, ``relu6(y + 3) / 6``, broadcast MUL (MobileNet-v3,
    GhostNet, PP-LCNet, GhostNetV2, PicoDet's ESNet)."""
    g = b.conv(b.mean(x, (1, 2), keep_dims=True), mid, 1, 1, "RELU")
    return b.mul(x, _hard_sigmoid(b, b.conv(g, b.shape(x)[-1], 1)))


def _mbv3_block(b: NetBuilder, x: int, k: int, exp: int, out: int, se: bool, act: str,
                s: int, d: int = 1) -> int:
    """One MobileNet-v3 bottleneck (a row of :data:`MBV3`); ``d``: the depthwise conv's
    dilation (LR-ASPP's atrous last stage)."""
    cin = b.shape(x)[-1]
    h = x if exp == cin else _conv_act(b, x, exp, 1, 1, act)
    h = _dw_act(b, h, k, s, act, d)
    if se:
        h = _se_hard(b, h, _div8(exp / 4))
    h = b.conv(h, out, 1, 1)
    return b.add(x, h) if s == 1 and cin == out else h


def mobilenet_v3(b: NetBuilder, x: int, size: str = "small", classes: int = 1000,
                 width: float = 1.0) -> int:
    """MobileNet-v3 ``size`` ("small" / "large") on ``x``; returns the SOFTMAX output.

    ``width`` (held-out families XXXI; at most 1) scales as Keras' ``MobileNetV3``
    ``alpha`` and timm's multiplier: block outputs ``_div8(c width)``, expansions
    ``_div8(c_in e)`` for the table's ratio ``e`` (expansion over the row's input),
    squeeze-excite ``_div8(expansion / 4)``, the last 1x1 conv ``_div8(last width)``;
    the stem's 16 and the head's 1024 / 1280 kept (width 1: the tables' graph)."""
    if size not in MBV3:
        raise ValueError(f"size must be one of {sorted(MBV3)}, got {size!r}")
    x, cin = _conv_act(b, x, 16, 3, 2, "HARD_SWISH"), 16
    for k, exp, out, *rest in MBV3[size]:
        e = _div8(b.shape(x)[-1] * exp / cin)
        x, cin = _mbv3_block(b, x, k, e, _div8(out * width), *rest), out
    last, head = MBV3_HEAD[size]
    x = _conv_act(b, x, _div8(last * width), 1, 1, "HARD_SWISH")
    x = b.mean(x, (1, 2), keep_dims=True)
    x = _conv_act(b, x, head, 1, 1, "HARD_SWISH")
    x = b.reshape(b.conv(x, classes, 1, 1), (1, classes))
    return b.softmax(x)


#: DenseNet-121 / -169 (arXiv 1608.06993 Table 1): layers per dense block, growth rate
DENSENET121_BLOCKS, DENSENET_GROWTH = (6, 12, 24, 16), 32
DENSENET169_BLOCKS = (6, 12, 32, 32)


def _densenet(b: NetBuilder, x: int, blocks: tuple[int, ...], classes: int) -> int:
    """The ImageNet DenseNet-BC of Table 1 with ``blocks`` layers per dense block."""
    x = b.pool(b.conv(x, 64, 7, 2, "RELU"), "max", 3, 2, "SAME")
    for i, layers in enumerate(blocks):
        for _ in range(layers):
            y = b.conv(b.act(x, "RELU"), 4 * DENSENET_GROWTH, 1, 1, "RELU")
            x = b.concat([x, b.conv(y, DENSENET_GROWTH, 3, 1)])
        if i < len(blocks) - 1:
            x = b.pool(b.conv(b.act(x, "RELU"), b.shape(x)[-1] // 2, 1, 1), "avg", 2, 2)
    x = b.mean(b.act(x, "RELU"), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))


def densenet121(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """DenseNet-121 on ``x``; returns the SOFTMAX output ``[1, classes]``."""
    return _densenet(b, x, DENSENET121_BLOCKS, classes)


def densenet169(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """DenseNet-169 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Huang et al., "Densely Connected Convolutional Networks", arXiv 1608.06993, Table 1
    (DenseNet-169 column): the :func:`densenet121` stem, layers, transitions and head
    with dense blocks of 6 / 12 / 32 / 32 layers (:data:`DENSENET169_BLOCKS`; 1664
    channels into the classifier). The same [U] as DenseNet-121: the pre-activation
    batch norm is left out and its RELU kept standalone. Published (Figure 3, as for
    DenseNet-121's 2.87 x 10^9): about 3.4 x 10^9 FLOPs (multiply-adds); this graph
    counts 3,359,843,328 MACs (FC included; -1.2 %) and 14,005,288 parameters
    (weights and biases; Table 1 gives none).
    """
    return _densenet(b, x, DENSENET169_BLOCKS, classes)


#: VGG configuration A (arXiv 1409.1556 Table 1): conv widths, "M" = 2x2 max pool
VGG11 = (64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M")


def vgg11_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """VGG-11 on a 32x32 ``x``; returns the SOFTMAX output ``[1, classes]``."""
    for v in VGG11:
        x = b.pool(x, "max", 2, 2) if v == "M" else b.conv(x, int(v), 3, 1, "RELU")
    return b.softmax(b.fc(b.reshape(x, (1, b.shape(x)[-1])), classes))


#: Tiny-YOLOv2 VOC: conv widths; a max pool follows each of the first six
TINY_YOLOV2 = (16, 32, 64, 128, 256, 512, 1024, 1024)


def tiny_yolov2(b: NetBuilder, x: int, anchors: int = 5, classes: int = 20) -> int:
    """Tiny-YOLOv2 on ``x`` (416x416 for VOC); returns the 1x1 head's output
    ``[1, H / 32, W / 32, anchors x (classes + 5)]``."""
    for i, c in enumerate(TINY_YOLOV2):
        x = b.leaky_relu(b.conv(x, c, 3), 0.1)
        if i < 5:
            x = b.pool(x, "max", 2, 2)
        elif i == 5:
            x = b.pool(x, "max", 2, 1, "SAME")
    return b.conv(x, anchors * (classes + 5), 1)


#: ResNet stages (arXiv 1512.03385 Table 1): blocks per stage and base widths
RESNET18_BLOCKS, RESNET50_BLOCKS = (2, 2, 2, 2), (3, 4, 6, 3)
RESNET34_BLOCKS = RESNET50_BLOCKS  # the 34- and 50-layer columns share 3-4-6-3
RESNET_WIDTHS = (64, 128, 256, 512)


def _resnet_stem(b: NetBuilder, x: int) -> int:
    """conv1 (7x7/2, 64, RELU) and the 3x3/2 max pool: 224 -> 56."""
    return b.pool(b.conv(x, 64, 7, 2, "RELU"), "max", 3, 2, "SAME")


def _shortcut(b: NetBuilder, x: int, cout: int, stride: int) -> int:
    """Identity, or the 1x1 projection (option B; no activation) where the shape
    changes."""
    return x if stride == 1 and b.shape(x)[-1] == cout else b.conv(x, cout, 1, stride)


def _resnet_head(b: NetBuilder, x: int, classes: int) -> int:
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


def resnet18(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """ResNet-18 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    He et al., "Deep Residual Learning for Image Recognition", arXiv 1512.03385,
    Table 1 (18-layer column): conv1 7x7/2 64, 3x3/2 max pool, conv2_x ... conv5_x of
    two basic blocks each at 64 / 128 / 256 / 512 channels (3x3 conv RELU, 3x3 conv,
    ADD with fused RELU), stride 2 on the first conv of conv3_1 / conv4_1 / conv5_1
    with a 1x1/2 projection shortcut, global average pool (MEAN), FC, SOFTMAX.
    Batch norm folded. Published: 1.8 x 10^9 FLOPs (multiply-adds); this graph
    counts 1,814,073,344 MACs (FC included).
    """
    return _resnet_head(b, _basic_stages(b, _resnet_stem(b, x), RESNET18_BLOCKS), classes)


def _basic_stages(b: NetBuilder, x: int, blocks: tuple[int, ...],
                  taps: list[int] | None = None,
                  widths: tuple[int, ...] = RESNET_WIDTHS) -> int:
    """conv2_x ... conv5_x of basic blocks (3x3 conv RELU, 3x3 conv, ADD with fused
    RELU; stride 2 and a projection shortcut on the first block of stages 3-5); each
    stage's output is appended to ``taps`` when given. ``widths``: the stages' widths
    (ImageNet's 64 ... 512 unless given; the CIFAR ResNets' 16, 32, 64)."""
    for i, (n, w) in enumerate(zip(blocks, widths, strict=True)):
        for j in range(n):
            s = 2 if i > 0 and j == 0 else 1
            h = b.conv(b.conv(x, w, 3, s, "RELU"), w, 3)
            x = b.add(h, _shortcut(b, x, w, s), "RELU")
        if taps is not None:
            taps.append(x)
    return x


def resnet34(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """ResNet-34 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    He et al., arXiv 1512.03385, Table 1 (34-layer column): the ResNet-18 stem, basic
    blocks and head with 3 / 4 / 6 / 3 blocks at 64 / 128 / 256 / 512 channels (stride
    2 on the first 3x3 conv of conv3_1 / conv4_1 / conv5_1, 1x1/2 projection shortcut
    there: option B). Batch norm folded. Published (Table 1): 3.6 x 10^9 FLOPs
    (multiply-adds); this graph counts 3,663,761,408 MACs (FC included; +1.8 %;
    torchvision lists 3.66 G).
    """
    return _resnet_head(b, _basic_stages(b, _resnet_stem(b, x), RESNET34_BLOCKS), classes)


def resnet50(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """ResNet-50 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    He et al., arXiv 1512.03385, Table 1 (50-layer column): the ResNet-18 stem and
    head around bottleneck blocks 3 / 4 / 6 / 3 (1x1 RELU, 3x3 RELU, 1x1 to 4x the
    stage width without activation, ADD with fused RELU), a 1x1 projection shortcut
    on the first block of every stage. The stride 2 of conv3_1 / conv4_1 / conv5_1
    sits on the 3x3 conv (and the projection), as torchvision's ResNet-50 ("v1.5")
    places it, not on the first 1x1 conv as in the paper's Caffe release. Batch norm
    folded. Published: 3.8 x 10^9 FLOPs (multiply-adds, stride on the 1x1);
    torchvision lists 4.09 G MACs for the v1.5 layout; this graph counts
    4,089,184,256 MACs (FC included).
    """
    return _resnet_head(b, _bottleneck_stages(b, _resnet_stem(b, x), RESNET50_BLOCKS),
                        classes)


def _bottleneck_stages(b: NetBuilder, x: int, blocks: tuple[int, ...],
                       se: int = 0) -> int:
    """conv2_x ... conv5_x of bottleneck blocks (1x1 RELU, 3x3 RELU carrying the
    stride, 1x1 to 4x the stage width, ADD with fused RELU; a 1x1 projection
    shortcut on the first block of every stage); ``se > 0`` puts a squeeze-excite
    gate of reduction ``se`` (:func:`_gate`) on the residual branch before the ADD."""
    for i, (n, w) in enumerate(zip(blocks, RESNET_WIDTHS, strict=True)):
        for j in range(n):
            s = 2 if i > 0 and j == 0 else 1
            h = b.conv(b.conv(x, w, 1, 1, "RELU"), w, 3, s, "RELU")
            h = b.conv(h, 4 * w, 1)
            if se:
                h = _gate(b, h, 4 * w // se)
            x = b.add(h, _shortcut(b, x, 4 * w, s), "RELU")
    return x


def efficientnet_b0(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """EfficientNet-B0 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Tan and Le, "EfficientNet: Rethinking Model Scaling for Convolutional Neural
    Networks", arXiv 1905.11946, Table 1 (stages :data:`jaxeff.gnn.spaces_families.
    EFFNET_B0`): stem 3x3/2 32 swish; 16 MBConv blocks (1x1 expansion conv with swish,
    left out when the expansion is 1; kxk depthwise with swish, stride on the first
    block of a stage; squeeze-excite with ``int(0.25 C_in)`` channels of the block's
    input ``C_in``: MEAN over H, W, 1x1 conv swish, 1x1 conv LOGISTIC, broadcast MUL;
    1x1 projection without activation; residual ADD when the stride is 1 and the
    channels are kept); head 1x1 1280 swish, global average pool (MEAN), FC,
    SOFTMAX. Swish is written ``x * LOGISTIC(x)``; batch norm folded; no dropout or
    drop-connect at inference. Published (Table 2): 0.39 x 10^9 FLOPs
    (multiply-adds); this graph counts 385,814,752 MACs (SE and FC included).
    """
    stages = tuple((e, k, s, c, n, True) for e, k, s, c, n in EFFNET_B0)
    return _swish_net(b, x, stages, classes)


def _swish_net(b: NetBuilder, x: int, stages: tuple, classes: int, fused: int = 0
               ) -> int:
    """The EfficientNet skeleton with swish (``x * LOGISTIC(x)``) after every conv
    but the projections: stem 3x3/2 32, the MBConv ``stages`` (:data:`MNASNET_A1`
    layout; squeeze-excite of ``int(0.25 C_in)`` channels with a swish 1x1 conv and
    a LOGISTIC gate), head 1x1 1280, MEAN, FC, SOFTMAX. The first ``fused`` stages
    have fused MBConv blocks (a kxk expansion conv carrying the stride; with
    expansion 1 that conv goes straight to the output channels, without a
    projection: :func:`efficientnetv2_b0`)."""
    x = _mbconv_stages(b, _swish(b, b.conv(x, 32, 3, 2)), stages, fused)
    x = _swish(b, b.conv(x, 1280, 1))
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


def _mbconv_stages(b: NetBuilder, x: int, stages: tuple, fused: int = 0,
                   taps: list[int] | None = None) -> int:
    """The MBConv ``stages`` of :func:`_swish_net` on ``x``; each stage's output is
    appended to ``taps`` when given (EfficientDet's P3-P5)."""
    for i, (e, k, stride, cout, n, se) in enumerate(stages):
        for j in range(n):
            s, cin = (stride if j == 0 else 1), b.shape(x)[-1]
            if i < fused:
                h = _swish(b, b.conv(x, cin * e if e > 1 else cout, k, s))
            else:
                h = x if e == 1 else _swish(b, b.conv(x, cin * e, 1))
                h = _swish(b, b.dwconv(h, k, s))
            if se:
                g = _swish(b, b.conv(b.mean(h, (1, 2), keep_dims=True),
                                     max(1, int(cin * 0.25)), 1))
                h = b.mul(h, b.act(b.conv(g, b.shape(h)[-1], 1), "LOGISTIC"))
            if i >= fused or e > 1:
                h = b.conv(h, cout, 1)
            x = b.add(x, h) if s == 1 and cin == cout else h
        if taps is not None:
            taps.append(x)
    return x


#: MobileNet-v1 depthwise-separable blocks (arXiv 1704.04861 Table 1): (stride of the
#: 3x3 depthwise conv, output channels of the 1x1 pointwise conv)
MOBILENET_V1 = ((1, 64), (2, 128), (1, 128), (2, 256), (1, 256), (2, 512),
                (1, 512), (1, 512), (1, 512), (1, 512), (1, 512), (2, 1024), (1, 1024))


def _mbv1_body(b: NetBuilder, x: int, alpha: float = 1.0,
               leaky: float | None = None, blocks: tuple = MOBILENET_V1,
               stem: int = 32, act_fn: str = "RELU6") -> list[int]:
    """The MobileNet-v1 stem (3x3/2 ``stem`` channels) and depthwise-separable
    ``blocks`` (:data:`MOBILENET_V1` layout; ``act_fn`` fused, or a standalone
    LEAKY_RELU ``leaky`` after every conv when given); returns every block's output."""
    fused = act_fn if leaky is None else "NONE"

    def act(y: int) -> int:
        return y if leaky is None else b.leaky_relu(y, leaky)

    x, outs = act(b.conv(x, int(stem * alpha), 3, 2, fused)), []
    for s, c in blocks:
        x = act(b.conv(act(b.dwconv(x, 3, s, fused)), int(c * alpha), 1, 1, fused))
        outs.append(x)
    return outs


def mobilenet_v1(b: NetBuilder, x: int, alpha: float = 1.0, classes: int = 1000) -> int:
    """MobileNet-v1 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Howard et al., "MobileNets: Efficient Convolutional Neural Networks for Mobile
    Vision Applications", arXiv 1704.04861, Table 1: a 3x3/2 conv of 32, then 13
    depthwise-separable blocks (3x3 depthwise, 1x1 pointwise; :data:`MOBILENET_V1`),
    every conv with batch norm folded and RELU6 fused (as the TensorFlow release
    has it), the 7x7 average pool of Table 1 (AVERAGE_POOL_2D), a RESHAPE to
    ``[1, C]``, FC and SOFTMAX. The table prints stride 2 on the last depthwise conv
    but keeps its 7x7 input size; the release (and this graph) uses stride 1 there.
    ``alpha`` is the width multiplier (channels ``int(alpha C)``; the table is
    alpha 1). Published (Table 8, 1.0 MobileNet-224): 569 M mult-adds; this graph
    counts 568,740,352 MACs at alpha 1 (FC included).
    """
    x = _mbv1_body(b, x, alpha)[-1]
    _, h, w, c = b.shape(x)
    x = b.reshape(b.pool(x, "avg", (h, w), 1), (1, c))
    return b.softmax(b.fc(x, classes))


#: Tiny-YOLOv3 backbone (yolov3-tiny.cfg): 3x3 conv widths; 2x2 max pools (stride 2)
#: follow the first five, a 2x2 stride-1 SAME max pool the sixth
TINY_YOLOV3 = (16, 32, 64, 128, 256, 512, 1024)


def tiny_yolov3(b: NetBuilder, x: int, anchors: int = 3, classes: int = 80
                ) -> tuple[int, int]:
    """Tiny-YOLOv3 on ``x`` (416x416 for COCO); returns the two head outputs
    ``([1, H/32, W/32, n], [1, H/16, W/16, n])`` with ``n = anchors x (classes + 5)``
    (pass both to :meth:`NetBuilder.finish`).

    Redmon and Farhadi, "YOLOv3: An Incremental Improvement", arXiv 1804.02767, the
    tiny model of the release (``yolov3-tiny.cfg``): 3x3 convs of 16 ... 1024
    (:data:`TINY_YOLOV3`), each followed by a standalone LEAKY_RELU 0.1 (batch norm
    folded), max pools 2x2/2 after the first five and 2x2/1 SAME after the 512; a
    1x1 conv of 256 (the route point); head 1: 3x3 512, 1x1 ``n`` (linear); head 2:
    1x1 128 on the route point, 2x nearest up-sampling (RESIZE_NEAREST_NEIGHBOR),
    CONCATENATION ``[up-sampled, the 26x26 output of the 256-conv before its pool]``
    (the cfg's ``route -1, 8``), 3x3 256, 1x1 ``n`` (linear). The YOLO decoding is
    left out. Published (the release): 5.56 BFLOPs at 416 (= 2 x multiply-adds);
    this graph counts 2,782,480,896 MACs (5.565 G FLOPs).
    """
    skip = x
    for i, c in enumerate(TINY_YOLOV3):
        x = b.leaky_relu(b.conv(x, c, 3), 0.1)
        if i == 4:
            skip = x  # 26 x 26 x 256 at 416
        if i < 5:
            x = b.pool(x, "max", 2, 2)
        elif i == 5:
            x = b.pool(x, "max", 2, 1, "SAME")
    n = anchors * (classes + 5)
    route = b.leaky_relu(b.conv(x, 256, 1), 0.1)
    y1 = b.conv(b.leaky_relu(b.conv(route, 512, 3), 0.1), n, 1)
    u = b.leaky_relu(b.conv(route, 128, 1), 0.1)
    _, h, w, _ = b.shape(u)
    u = b.concat([b.resize(u, (2 * h, 2 * w), "nearest"), skip])
    y2 = b.conv(b.leaky_relu(b.conv(u, 256, 3), 0.1), n, 1)
    return y1, y2


def _cbr(b: NetBuilder, x: int, c: int, k: int | tuple[int, int], s: int = 1,
         padding: str = "SAME") -> int:
    """Conv with folded batch norm and fused RELU (Keras ``conv2d_bn``)."""
    return b.conv(x, c, k, s, "RELU", padding)


def _chain(b: NetBuilder, x: int, layers) -> int:
    """``_cbr`` convs ``(channels, kernel)`` one after another."""
    for c, k in layers:
        x = _cbr(b, x, c, k)
    return x


def _avg_proj(b: NetBuilder, x: int, c: int) -> int:
    """3x3/1 SAME average pool, 1x1 conv: the pool branch of the inception modules."""
    return _cbr(b, b.pool(x, "avg", 3, 1, "SAME"), c, 1)


#: Inception-v3 (Keras / torchvision widths): pool-branch channels of the three
#: 35x35 modules (mixed0-2) and the 7x7 bottleneck widths c7 of the 17x17 ones
#: (mixed4-7)
INCEPTION_V3_A, INCEPTION_V3_C7 = (32, 64, 64), (128, 160, 160, 192)


def inception_v3(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """Inception-v3 on ``x`` (299x299 for ImageNet); returns the SOFTMAX output.

    Szegedy et al., "Rethinking the Inception Architecture for Computer Vision",
    arXiv 1512.00567, Table 1 and Figures 5-7, with the layer widths and paddings of
    the widely used Keras ``InceptionV3`` (= torchvision ``inception_v3``; the
    auxiliary classifier left out): stem 3x3/2 32 VALID, 3x3 32 VALID, 3x3 64 SAME,
    3x3/2 max pool, 1x1 80 VALID, 3x3 192 VALID, 3x3/2 max pool (35x35x192);
    3 x module A (Figure 5; branches 1x1 64 | 1x1 48 -> 5x5 64 | 1x1 64 -> 3x3 96
    -> 3x3 96 | 3x3/1 average pool -> 1x1 32 / 64 / 64); reduction A (3x3/2 384 |
    1x1 64 -> 3x3 96 -> 3x3/2 96 | 3x3/2 max pool; 17x17x768); 4 x module B
    (Figure 6; 1x1 192 | 1x1 c7 -> 1x7 c7 -> 7x1 192 | 1x1 c7 -> 7x1 -> 1x7 -> 7x1
    -> 1x7 192 | pool -> 1x1 192, c7 = 128, 160, 160, 192); reduction B (1x1 192 ->
    3x3/2 320 | 1x1 192 -> 1x7 -> 7x1 -> 3x3/2 192 | 3x3/2 max pool; 8x8x1280);
    2 x module C (Figure 7; 1x1 320 | 1x1 384 -> [1x3 384, 3x1 384] | 1x1 448 -> 3x3
    384 -> [1x3 384, 3x1 384] | pool -> 1x1 192; the split pairs are CONCATENATIONs
    inside the module's, as Keras writes them; 8x8x2048); global average pool
    (MEAN), FC, SOFTMAX. Batch norm folded; every conv with fused RELU; the reduction
    convs and pools VALID, the rest SAME. Published: "5 billion multiply-adds" (the
    paper's abstract); torchvision lists 5.71 G multiply-adds ("GFLOPS") for this
    layout at 299; this graph counts 5,713,216,096 MACs (FC included).
    """
    x = _cbr(b, _cbr(b, x, 32, 3, 2, "VALID"), 32, 3, 1, "VALID")
    x = b.pool(_cbr(b, x, 64, 3), "max", 3, 2)
    x = _cbr(b, _cbr(b, x, 80, 1, 1, "VALID"), 192, 3, 1, "VALID")
    x = b.pool(x, "max", 3, 2)
    for pp in INCEPTION_V3_A:
        x = b.concat([_cbr(b, x, 64, 1),
                      _chain(b, x, ((48, 1), (64, 5))),
                      _chain(b, x, ((64, 1), (96, 3), (96, 3))),
                      _avg_proj(b, x, pp)])
    x = b.concat([_cbr(b, x, 384, 3, 2, "VALID"),
                  _cbr(b, _chain(b, x, ((64, 1), (96, 3))), 96, 3, 2, "VALID"),
                  b.pool(x, "max", 3, 2)])
    for c7 in INCEPTION_V3_C7:
        x = b.concat([_cbr(b, x, 192, 1),
                      _chain(b, x, ((c7, 1), (c7, (1, 7)), (192, (7, 1)))),
                      _chain(b, x, ((c7, 1), (c7, (7, 1)), (c7, (1, 7)), (c7, (7, 1)),
                                    (192, (1, 7)))),
                      _avg_proj(b, x, 192)])
    x = b.concat([_cbr(b, _cbr(b, x, 192, 1), 320, 3, 2, "VALID"),
                  _cbr(b, _chain(b, x, ((192, 1), (192, (1, 7)), (192, (7, 1)))),
                       192, 3, 2, "VALID"),
                  b.pool(x, "max", 3, 2)])
    for _ in range(2):
        h = _cbr(b, x, 384, 1)
        d = _chain(b, x, ((448, 1), (384, 3)))
        x = b.concat([_cbr(b, x, 320, 1),
                      b.concat([_cbr(b, h, 384, (1, 3)), _cbr(b, h, 384, (3, 1))]),
                      b.concat([_cbr(b, d, 384, (1, 3)), _cbr(b, d, 384, (3, 1))]),
                      _avg_proj(b, x, 192)])
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


def pilotnet(b: NetBuilder, x: int) -> int:
    """NVIDIA PilotNet on a ``[1, 66, 200, 3]`` ``x``; returns the steering output
    ``[1, 1]`` (no SOFTMAX: a regression head).

    Bojarski et al., "End to End Learning for Self-Driving Cars", arXiv 1604.07316,
    Figure 4: 5x5/2 convs of 24, 36, 48 and 3x3/1 convs of 64, 64, all VALID with
    fused RELU (66x200 -> 1x18x64), flatten (RESHAPE to ``[1, 1152]``), FC 100, 50,
    10 with RELU and FC 1. The paper's fixed input normalisation layer is left out
    (a converted graph folds it into the first conv). The figure prints 1164 neurons
    after the flatten; the convolutions give 1 x 18 x 64 = 1152. Published: "about
    27 million connections and 250 thousand parameters"; this graph counts
    26,876,342 MACs and 252,219 parameters (weights and biases).
    """
    for c, k, s in ((24, 5, 2), (36, 5, 2), (48, 5, 2), (64, 3, 1), (64, 3, 1)):
        x = b.conv(x, c, k, s, "RELU", "VALID")
    _, h, w, c = b.shape(x)
    x = b.reshape(x, (1, h * w * c))
    for n in (100, 50, 10):
        x = b.fc(x, n, "RELU")
    return b.fc(x, 1)


def _div4(v: float) -> int:
    """Channels rounded to a multiple of 4, never below 90 % of ``v`` (GhostNet's
    ``make_divisible`` with divisor 4)."""
    n = max(4, int(v + 2) // 4 * 4)
    return n + 4 if n < 0.9 * v else n


#: GhostNet bottlenecks (arXiv 1911.11907 Table 1): (depthwise kernel, expansion
#: channels, output channels, squeeze-excite, stride)
GHOSTNET = ((3, 16, 16, False, 1), (3, 48, 24, False, 2), (3, 72, 24, False, 1),
            (5, 72, 40, True, 2), (5, 120, 40, True, 1), (3, 240, 80, False, 2),
            (3, 200, 80, False, 1), (3, 184, 80, False, 1), (3, 184, 80, False, 1),
            (3, 480, 112, True, 1), (3, 672, 112, True, 1), (5, 672, 160, True, 2),
            (5, 960, 160, False, 1), (5, 960, 160, True, 1), (5, 960, 160, False, 1),
            (5, 960, 160, True, 1))


def _ghost_module(b: NetBuilder, x: int, out: int, act: str) -> int:
    """Ghost module, ratio 2: a 1x1 conv to ``ceil(out / 2)`` intrinsic maps, a cheap
    3x3 depthwise conv on them, CONCATENATION, sliced to ``out`` channels when
    ``out`` is odd (STRIDED_SLICE; never at the published widths)."""
    p = b.conv(x, -(-out // 2), 1, 1, act)
    y = b.concat([p, b.dwconv(p, 3, 1, act)])
    n, h, w, c = b.shape(y)
    return y if c == out else b.strided_slice(y, (0, 0, 0, 0), (n, h, w, out))


def ghostnet(b: NetBuilder, x: int, width: float = 1.0, classes: int = 1000) -> int:
    """GhostNet on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Han et al., "GhostNet: More Features from Cheap Operations", arXiv 1911.11907,
    Table 1 (:data:`GHOSTNET`): stem 3x3/2 16 RELU; 16 ghost bottlenecks (ghost
    module expanding with RELU on both its convs; for stride 2 a kxk stride-2
    depthwise conv without activation; squeeze-excite where marked: MEAN over H, W,
    1x1 conv RELU to ``make_divisible(C / 4, 4)`` of the expanded channels ``C``,
    1x1 conv, hard sigmoid ``relu6(x + 3) / 6`` (ADD with fused RELU6, MUL), broadcast
    MUL; ghost module projecting without activation; shortcut: identity when the
    stride is 1 and the channels are kept, else a kxk depthwise conv with the block's
    stride and a 1x1 conv, both without activation, then ADD); head 1x1 960 RELU,
    global average pool (MEAN), the 1x1 conv of 1280 with RELU written as a
    FULLY_CONNECTED on the pooled vector, FC, SOFTMAX. Batch norm folded, no dropout
    at inference. ``width`` scales every width (``make_divisible(c width, 4)``).
    Published (Table 7, GhostNet 1.0x): 141 M FLOPs (multiply-adds); this graph
    counts 141,150,512 MACs at width 1 (SE and FC included; +0.1 %) and
    5,171,538 parameters (Table 7: 5.2 M). At width 1.3 (held-out families VIII;
    the head's 1280 is not scaled): 227,003,256 MACs and 7,344,566 parameters
    (Table 7, GhostNet 1.3x: 226 M FLOPs, 7.3 M).
    """
    x = b.conv(x, _div4(16 * width), 3, 2, "RELU")
    for k, exp, out, se, s in GHOSTNET:
        cin, exp, out = b.shape(x)[-1], _div4(exp * width), _div4(out * width)
        h = _ghost_module(b, x, exp, "RELU")
        if s > 1:
            h = b.dwconv(h, k, s)
        if se:
            h = _se_hard(b, h, _div4(b.shape(h)[-1] / 4))
        h = _ghost_module(b, h, out, "NONE")
        sc = x if s == 1 and cin == out else b.conv(b.dwconv(x, k, s), out, 1)
        x = b.add(h, sc)
    x = b.conv(x, _div4(960 * width), 1, 1, "RELU")
    x = b.fc(b.mean(x, (1, 2), keep_dims=False), 1280, "RELU")
    return b.softmax(b.fc(x, classes))


#: MnasNet-A1 stages (arXiv 1807.11626 Figure 7(a); the reference TF implementation's
#: block strings): (expansion, kernel, stride, output channels, repeats, SE)
MNASNET_A1 = ((1, 3, 1, 16, 1, False), (6, 3, 2, 24, 2, False), (3, 5, 2, 40, 3, True),
              (6, 3, 2, 80, 4, False), (6, 3, 1, 112, 2, True), (6, 5, 2, 160, 3, True),
              (6, 3, 1, 320, 1, False))


def mnasnet_a1(b: NetBuilder, x: int, classes: int = 1000, width: float = 1.0) -> int:
    """MnasNet-A1 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Tan et al., "MnasNet: Platform-Aware Neural Architecture Search for Mobile",
    arXiv 1807.11626, Figure 7(a) (:data:`MNASNET_A1`): stem 3x3/2 32 RELU; SepConv
    3x3 16 (3x3 depthwise RELU, 1x1 conv linear, no residual); MBConv6 3x3 x2 (24),
    MBConv3 5x5 SE x3 (40), MBConv6 3x3 x4 (80), MBConv6 3x3 SE x2 (112), MBConv6
    5x5 SE x3 (160), MBConv6 3x3 x1 (320) (1x1 expansion RELU, kxk depthwise RELU
    with the stride on a stage's first block, optional squeeze-excite, 1x1
    projection linear, residual ADD when the stride is 1 and the channels are
    kept); head 1x1 1280 RELU, global average pool (MEAN), FC, SOFTMAX. The
    squeeze-excite follows the reference TF implementation (``mnasnet_model.py``):
    ``max(1, int(0.25 C_in))`` channels of the block's *input* ``C_in`` (not of the
    expanded ones), MEAN over H, W, 1x1 conv RELU, 1x1 conv, LOGISTIC gate,
    broadcast MUL. Batch norm folded. Published (Table 1, MnasNet-A1): 312 M
    multiply-adds; this graph counts 311,579,072 MACs (SE and FC included) and 3,870,294
    parameters (Table 1: 3.9 M). ``width``: the depth multiplier (held-out families
    XXXI), as :func:`_mnasnet` applies it.
    """
    return _mnasnet(b, x, MNASNET_A1, classes, width=width)


def _mnasnet(b: NetBuilder, x: int, stages: tuple, classes: int,
             act: str = "RELU", fused: int = 0, width: float = 1.0) -> int:
    """The MnasNet stem, the MBConv ``stages`` (:data:`MNASNET_A1` layout), the 1x1
    1280 head, MEAN, FC, SOFTMAX; ``act`` fused into the stem, expansion, depthwise
    and head convs (RELU; RELU6 for :func:`proxylessnas_mobile`). The first ``fused``
    stages have fused MBConv blocks: one kxk expansion conv carrying the stride in
    place of the 1x1 expansion and the depthwise conv
    (:func:`efficientnet_edgetpu_s`). ``width`` != 1: the reference TF
    implementation's depth multiplier (``round_filters``: stem and block outputs
    ``_div8(c width)``; the head's 1280 kept)."""
    r = (lambda c: c) if width == 1 else (lambda c: _div8(c * width))
    x = b.conv(x, r(32), 3, 2, act)
    for i, (e, k, stride, cout, n, se) in enumerate(stages):
        cout = r(cout)
        for j in range(n):
            s, cin = (stride if j == 0 else 1), b.shape(x)[-1]
            if i < fused:
                h = b.conv(x, cin * e, k, s, act)
            else:
                h = x if e == 1 else b.conv(x, cin * e, 1, 1, act)
                h = b.dwconv(h, k, s, act)
            if se:
                g = b.conv(b.mean(h, (1, 2), keep_dims=True), max(1, int(cin * 0.25)),
                           1, 1, "RELU")
                h = b.mul(h, b.act(b.conv(g, b.shape(h)[-1], 1), "LOGISTIC"))
            h = b.conv(h, cout, 1)
            x = b.add(x, h) if e > 1 and s == 1 and cin == cout else h
    x = b.conv(x, 1280, 1, 1, act)
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


def _sep(b: NetBuilder, x: int, c: int, act: str = "NONE") -> int:
    """Separable conv: 3x3 depthwise (linear), 1x1 pointwise (batch norm folded into
    it, and the activation where one follows it directly)."""
    return b.conv(b.dwconv(x, 3), c, 1, 1, act)


def xception(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """Xception on ``x`` (299x299 for ImageNet); returns the SOFTMAX output.

    Chollet, "Xception: Deep Learning with Depthwise Separable Convolutions", arXiv
    1610.02357, Figure 5, with the paddings of the author's Keras ``Xception``:
    entry flow 3x3/2 32 VALID RELU, 3x3 64 VALID RELU (147x147); three blocks
    [sep 128 RELU, sep 128, 3x3/2 SAME max pool], [RELU, sep 256, RELU, sep 256,
    pool], [RELU, sep 728, RELU, sep 728, pool], each ADDed to a 1x1/2 conv of the
    block's input (19x19x728); middle flow 8 x ([RELU, sep 728] x 3 + identity ADD);
    exit flow [RELU, sep 728, RELU, sep 1024, pool] + 1x1/2 conv 1024 (10x10), sep
    1536 RELU, sep 2048 RELU, global average pool (MEAN), FC, SOFTMAX. A separable
    conv is a 3x3 depthwise conv (linear) and a 1x1 conv. Batch norm folded: a RELU
    that directly follows a separable conv (its BN) is fused into the 1x1 conv, as
    the TFLite converter writes it; the RELU that opens a block acts on an ADD
    output that also feeds the block's residual branch, so it stays a standalone
    RELU op (2 in the entry flow, 8 in the middle, 1 in the exit flow: 11).
    Published: 22,855,952 parameters (Table 3; Keras lists 22.9 M); "8.4 G"
    multiply-adds as commonly cited at 299x299; this graph counts 8,357,403,496 MACs
    (-0.5 %) and 22,851,736 parameters (weights and biases: batch norm folded into
    one bias per conv output, plus the depthwise biases the builder always writes).
    """
    x = b.conv(b.conv(x, 32, 3, 2, "RELU", "VALID"), 64, 3, 1, "RELU", "VALID")
    for i, c in enumerate((128, 256, 728)):
        h = _sep(b, b.act(x, "RELU") if i else x, c, "RELU")
        h = b.pool(_sep(b, h, c), "max", 3, 2, "SAME")
        x = b.add(h, b.conv(x, c, 1, 2))
    for _ in range(8):
        h = _sep(b, _sep(b, b.act(x, "RELU"), 728, "RELU"), 728, "RELU")
        x = b.add(_sep(b, h, 728), x)
    h = _sep(b, _sep(b, b.act(x, "RELU"), 728, "RELU"), 1024)
    x = b.add(b.pool(h, "max", 3, 2, "SAME"), b.conv(x, 1024, 1, 2))
    x = _sep(b, _sep(b, x, 1536, "RELU"), 2048, "RELU")
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


# -- held-out families VI (session 20, pre-registered)

#: MobileNet-v2 bottleneck stages (arXiv 1801.04381 Table 2): (expansion t, output
#: channels c, repeats n, stride s of the first repeat)
MOBILENET_V2 = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1))


def _mbv2_body(b: NetBuilder, x: int, width: float = 1.0, output_stride: int = 32
               ) -> tuple[int, int | None]:
    """The MobileNet-v2 stem and 17 bottlenecks of :data:`MOBILENET_V2` (no last 1x1
    conv); returns the output and the 1x1 expansion output of the first bottleneck
    that would leave stride 16 (SSDLite's first feature map; ``None`` if it has no
    expansion). At ``output_stride`` 16 that bottleneck keeps stride 1 and every later
    depthwise conv is dilated by 2 (DeepLab's atrous backbone; the bottleneck itself
    undilated, as the authors' release does it [U])."""
    x = b.conv(x, _div8(32 * width), 3, 2, "RELU6")
    cur, rate, tap = 2, 1, None
    for t, c, n, stride in MOBILENET_V2:
        cout = _div8(c * width)
        for j in range(n):
            s, cin, d = (stride if j == 0 else 1), b.shape(x)[-1], rate
            leaves16 = s == 2 and cur == 16
            if s == 2 and cur == output_stride:
                s, rate = 1, 2 * rate
            elif s == 2:
                cur *= 2
            h = x if t == 1 else b.conv(x, cin * t, 1, 1, "RELU6")
            if leaves16 and t > 1:
                tap = h
            h = b.conv(b.dwconv(h, 3, s, "RELU6", dilation=d), cout, 1)
            x = b.add(x, h) if s == 1 and cin == cout else h
    return x, tap


def mobilenet_v2(b: NetBuilder, x: int, width: float = 1.4, classes: int = 1000) -> int:
    """MobileNet-v2 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Sandler et al., "MobileNetV2: Inverted Residuals and Linear Bottlenecks", arXiv
    1801.04381, Table 2 (:data:`MOBILENET_V2`): conv 3x3/2 32; 17 bottlenecks (1x1
    expansion to ``t`` x the input channels with RELU6, left out when ``t`` is 1; 3x3
    depthwise RELU6, stride ``s`` on a stage's first repeat; 1x1 linear projection;
    residual ADD when the stride is 1 and the channels are kept); conv 1x1 1280 RELU6;
    the 7x7 average pool (AVERAGE_POOL_2D); the classifier as Table 2 writes it, a 1x1
    conv of ``classes``; RESHAPE to ``[1, classes]``; SOFTMAX. Batch norm folded.
    ``width`` multiplies every width, rounded to a multiple of 8 as the authors'
    release does (``make_divisible``, :func:`_div8`: at 1.4 the stem is 48, the
    stages 24 / 32 / 48 / 88 / 136 / 224 / 448); the last 1x1 conv is
    ``1280 x max(1, width)`` (Section 6.1: the multiplier is not applied to it below
    one; 1792 at 1.4). Published (Table 4): MobileNetV2 (1.4) 585 M multiply-adds and
    6.9 M parameters, MobileNetV2 (1.0) 300 M and 3.4 M; this graph counts 582,195,824
    MACs and 6,084,808 parameters at width 1.4 (-0.5 % and -12 %: the release lists
    6.06 M) and 300,774,272 MACs, 3,487,816 parameters at width 1 (classifier and
    biases included).
    """
    x = b.conv(_mbv2_body(b, x, width)[0], _div8(1280 * max(1.0, width)), 1, 1, "RELU6")
    _, h, w, _ = b.shape(x)
    x = b.conv(b.pool(x, "avg", (h, w), 1), classes, 1)
    return b.softmax(b.reshape(x, (1, classes)))


#: SqueezeNet 1.0 fire modules 2-9 (arXiv 1602.07360 Table 1): (s1x1, e1x1 = e3x3)
SQUEEZENET10_FIRE = ((16, 64), (16, 64), (32, 128), (32, 128), (48, 192), (48, 192),
                     (64, 256), (64, 256))


def squeezenet10(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """SqueezeNet 1.0 on ``x``; returns the SOFTMAX output ``[1, classes]``.

    Iandola et al., "SqueezeNet: AlexNet-level accuracy with 50x fewer parameters and
    <0.5MB model size", arXiv 1602.07360, Table 1: conv1 7x7/2 96 RELU, maxpool1
    3x3/2, fire2-4, maxpool4 3x3/2, fire5-8, maxpool8 3x3/2, fire9
    (:data:`SQUEEZENET10_FIRE`: 1x1 squeeze RELU, parallel 1x1 and 3x3 expands RELU,
    CONCATENATION), conv10 1x1 ``classes`` RELU, global average pool (MEAN),
    SOFTMAX; dropout left out at inference. Paddings as :func:`squeezenet11`: the
    stem conv and the pools VALID, so a 224 input gives 109 / 54 / 26 / 12 pixels
    where Table 1 prints 111 / 55 / 27 / 13 (the release crops 227; a TFLite pool
    has no ceil mode) [U]. Published (Table 1): 1,248,424 parameters, which this graph
    matches exactly (weights and biases); Table 1 gives no multiply-adds; this graph
    counts 777,221,152 MACs at 224 (832,667,936 at 227, Table 1's sizes).
    """
    x = b.pool(b.conv(x, 96, 7, 2, "RELU", "VALID"), "max", 3, 2)
    for i, (sq, ex) in enumerate(SQUEEZENET10_FIRE):
        x = _fire(b, x, sq, ex)
        if i in (2, 6):  # after fire4 and fire8
            x = b.pool(x, "max", 3, 2)
    x = b.mean(b.conv(x, classes, 1, 1, "RELU"), (1, 2), keep_dims=False)
    return b.softmax(x)


#: Darknet-19 (arXiv 1612.08242 Table 6): convs (filters, kernel), "M" = 2x2/2 max pool
DARKNET19 = ((32, 3), "M", (64, 3), "M", (128, 3), (64, 1), (128, 3), "M",
             (256, 3), (128, 1), (256, 3), "M",
             (512, 3), (256, 1), (512, 3), (256, 1), (512, 3), "M",
             (1024, 3), (512, 1), (1024, 3), (512, 1), (1024, 3))


def darknet19(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """Darknet-19 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Redmon and Farhadi, "YOLO9000: Better, Faster, Stronger", arXiv 1612.08242,
    Table 6 (:data:`DARKNET19`): 18 convs of 3x3 and 1x1 (SAME), each followed by a
    standalone LEAKY_RELU 0.1 as :func:`tiny_yolov2` (batch norm folded), five 2x2/2
    max pools, then the 19th conv, 1x1 ``classes`` (linear, as the release's
    ``darknet19.cfg``), global average pool (MEAN), SOFTMAX. Published (Table 6 and
    Section 3): "5.58 billion operations" at 224; that is Darknet's FLOP count, 2 x
    multiply-adds: this graph counts 2,790,989,824 MACs (5.582 G operations).
    """
    for v in DARKNET19:
        if v == "M":
            x = b.pool(x, "max", 2, 2)
        else:
            x = b.leaky_relu(b.conv(x, v[0], v[1]), 0.1)
    x = b.mean(b.conv(x, classes, 1), (1, 2), keep_dims=False)
    return b.softmax(x)


# -- held-out families VII (session 20, pre-registered)

#: PeleeNet stages (arXiv 1804.06882 Table 1): (two-way dense layers, bottleneck width);
#: growth rate 32, so each branch adds 16 channels through a 1x1 of 16 x width
PELEENET, PELEENET_GROWTH = ((3, 1), (4, 2), (8, 4), (6, 4)), 32


def peleenet(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """PeleeNet on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Wang, Li and Ling, "Pelee: A Real-Time Object Detection System on Mobile Devices",
    arXiv 1804.06882, Table 1 and Figures 1-2, every conv post-activation (batch norm
    folded, RELU fused): stem block (Figure 2) 3x3/2 32; branch 1x1 16 -> 3x3/2 32 and
    branch 2x2/2 max pool, CONCATENATION, 1x1 32 (56x56x32); four stages of 3 / 4 / 8
    / 6 two-way dense layers (Figure 1(b): from the stage's running map, a 1x1 conv of
    ``16 x width`` -> 3x3 16, and a 1x1 conv of ``16 x width`` -> 3x3 16 -> 3x3 16;
    CONCATENATION of the running map with both, i.e. growth 32; bottleneck width 1 /
    2 / 4 / 4 per stage, :data:`PELEENET`), each stage closed by a transition layer
    (1x1 conv keeping the channels: no compression; 2x2/2 average pool except after
    the last stage): 28x28x128, 14x14x256, 7x7x512, 7x7x704; global average pool
    (MEAN), FC, SOFTMAX. Published (Table 1 / Section 3): 508 M FLOPs (multiply-adds)
    and 2.8 M parameters; this graph counts 507,757,568 MACs (FC included; -0.05 %) and
    2,797,384 parameters (weights and biases; -0.1 %).
    """
    x = b.conv(x, 32, 3, 2, "RELU")
    a = b.conv(b.conv(x, 16, 1, 1, "RELU"), 32, 3, 2, "RELU")
    x = b.conv(b.concat([a, b.pool(x, "max", 2, 2)]), 32, 1, 1, "RELU")
    k = PELEENET_GROWTH // 2
    for i, (layers, width) in enumerate(PELEENET):
        for _ in range(layers):
            y1 = b.conv(b.conv(x, k * width, 1, 1, "RELU"), k, 3, 1, "RELU")
            y2 = b.conv(b.conv(x, k * width, 1, 1, "RELU"), k, 3, 1, "RELU")
            x = b.concat([x, y1, b.conv(y2, k, 3, 1, "RELU")])
        x = b.conv(x, b.shape(x)[-1], 1, 1, "RELU")
        if i < len(PELEENET) - 1:
            x = b.pool(x, "avg", 2, 2)
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


#: BN-Inception modules (arXiv 1502.03167 Figure 5): name -> (#1x1, #3x3 reduce, #3x3,
#: double #3x3 reduce, double #3x3, pool kind, pool proj); #1x1 0 marks the stride-2
#: modules 3c and 4e (no 1x1 branch, the max pool passed through without projection)
BN_INCEPTION = (("3a", (64, 64, 64, 64, 96, "avg", 32)),
                ("3b", (64, 64, 96, 64, 96, "avg", 64)),
                ("3c", (0, 128, 160, 64, 96, "max", 0)),
                ("4a", (224, 64, 96, 96, 128, "avg", 128)),
                ("4b", (192, 96, 128, 96, 128, "avg", 128)),
                ("4c", (160, 128, 160, 128, 160, "avg", 128)),
                ("4d", (96, 128, 192, 160, 192, "avg", 128)),
                ("4e", (0, 128, 192, 192, 256, "max", 0)),
                ("5a", (352, 192, 320, 160, 224, "avg", 128)),
                ("5b", (352, 192, 320, 192, 224, "max", 128)))


def bn_inception(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """BN-Inception (Inception-v2) on ``x`` (224x224 for ImageNet); returns the SOFTMAX
    output.

    Ioffe and Szegedy, "Batch Normalization: Accelerating Deep Network Training by
    Reducing Internal Covariate Shift", arXiv 1502.03167, Figure 5 (batch norm folded,
    RELU fused into every conv): 7x7/2 64, 3x3/2 max pool, 1x1 64 -> 3x3 192, 3x3/2
    max pool (28x28x192); inception modules 3a-3c, 4a-4e, 5a-5b
    (:data:`BN_INCEPTION`): 1x1 | 1x1 -> 3x3 | 1x1 -> 3x3 -> 3x3 (the 5x5 replaced by
    two 3x3) | 3x3/1 average or max pool -> 1x1 projection, CONCATENATION; in 3c and 4e
    the 3x3 convs that end the two 3x3 branches and the max pool have stride 2 and the
    pool is passed through (28 -> 14 -> 7); global average pool (MEAN), FC, SOFTMAX.
    Pools and convs SAME. The widths are the table's; its output depths for 4c / 4d
    (576) and 4e (1024) do not match them (the widths give 608, 608 and 1056, as the
    authors' Caffe-derived releases have it) [U]. Published: the paper gives no
    multiply-add count (Section 4.1: about 30 % above GoogLeNet's 1.5 G; about 2 G is
    the commonly quoted figure); this graph counts 2,032,600,064 MACs (FC included)
    and 11,275,208 parameters.
    """
    x = b.pool(b.conv(x, 64, 7, 2, "RELU"), "max", 3, 2, "SAME")
    x = b.conv(b.conv(x, 64, 1, 1, "RELU"), 192, 3, 1, "RELU")
    x = b.pool(x, "max", 3, 2, "SAME")
    for _, (c1, r3, c3, rd, cd, pool, proj) in BN_INCEPTION:
        s = 1 if c1 else 2
        br = [_cbr(b, x, c1, 1)] if c1 else []
        br.append(_cbr(b, _cbr(b, x, r3, 1), c3, 3, s))
        br.append(_cbr(b, _chain(b, x, ((rd, 1), (cd, 3))), cd, 3, s))
        p = b.pool(x, pool, 3, s, "SAME")
        x = b.concat(br + [_cbr(b, p, proj, 1) if proj else p])
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


def unet(b: NetBuilder, x: int, base: int = 64, classes: int = 1) -> int:
    """U-Net on ``x`` (``[1, 128, 128, 1]`` for the held-out model); returns the 1x1
    conv's logits ``[1, H, W, classes]`` (no SOFTMAX: per-pixel).

    Ronneberger, Fischer and Brox, "U-Net: Convolutional Networks for Biomedical Image
    Segmentation", arXiv 1505.04597, Figure 1 and Section 2, with SAME padding (the
    paper's convs are unpadded and crop the skips) [U]: four levels down of two 3x3
    convs with fused RELU and a 2x2/2 max pool (``base`` = 64, 128, 256, 512
    channels), the bottom two 3x3 convs of 1024; four levels up of an "up-convolution"
    written as a 2x2/2 TRANSPOSE_CONV halving the channels (linear: the paper puts a
    RELU only after the 3x3 convs), CONCATENATION ``[skip, up-sampled]``, two 3x3
    convs with RELU; a 1x1 conv to ``classes`` (linear). 23 convolutions, as Section 2
    counts. Dropout left out at inference. The paper gives no multiply-add count; this
    graph counts 12,022,972,416 MACs and 31,030,593 parameters at 128 x 128 x 1, base
    64, one class (the TRANSPOSE_CONVs count ``H_i W_i C_i 2 x 2 C_o``).
    """
    skips, c = [], base
    for _ in range(4):
        x = _cbr(b, _cbr(b, x, c, 3), c, 3)
        skips.append(x)
        x = b.pool(x, "max", 2, 2)
        c *= 2
    x = _cbr(b, _cbr(b, x, c, 3), c, 3)
    for skip in reversed(skips):
        c //= 2
        x = b.concat([skip, b.transpose_conv(x, c, 2, 2)])
        x = _cbr(b, _cbr(b, x, c, 3), c, 3)
    return b.conv(x, classes, 1)


# -- held-out families VIII (session 20, pre-registered)

#: HarDNet-68 (arXiv 1909.00948 Table 1): per harmonic dense block (growth rate k,
#: layers, transition 1x1 channels, 2x2/2 max pool after the transition); m = 1.7
HARDNET68 = ((14, 8, 128, True), (16, 16, 256, False), (20, 16, 320, True),
             (40, 16, 640, True), (160, 4, 1024, False))
HARDNET_M = 1.7


def _hard_block(b: NetBuilder, x: int, growth: int, layers: int,
                m: float = HARDNET_M,
                unit: Callable[[int, int], int] | None = None) -> int:
    """Harmonic dense block: layer ``l`` (1 ... ``layers``; 0 is the block input) is a
    3x3 conv on the CONCATENATION of the layers ``l - 2^n`` for every ``2^n`` dividing
    ``l`` (one link: no concat), ``growth x m^(links - 1)`` channels rounded to an even
    number; the output concatenates the odd layers and the last. ``unit(h, c)``, if
    given, replaces the 3x3 conv RELU6 (HarDNet-39DS's 1x1 + depthwise layer)."""
    maps = [x]
    for layer in range(1, layers + 1):
        links = [layer - (1 << n) for n in range(layer.bit_length())
                 if layer % (1 << n) == 0]
        c = int(growth * m ** (len(links) - 1) + 1) // 2 * 2
        h = maps[links[0]] if len(links) == 1 else b.concat([maps[i] for i in links])
        maps.append(b.conv(h, c, 3, 1, "RELU6") if unit is None else unit(h, c))
    return b.concat([maps[i] for i in range(1, layers + 1) if i % 2 or i == layers])


def hardnet68(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """HarDNet-68 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Chao et al., "HarDNet: A Low Memory Traffic Network", arXiv 1909.00948, Table 1
    and Section 3 (batch norm folded; every conv with fused RELU6, the activation of
    the authors' release [U]): stem 3x3/2 32, 3x3 64, 3x3/2 max pool (56x56x64); five
    harmonic dense blocks (:func:`_hard_block`, :data:`HARDNET68`: growth 14 / 16 /
    20 / 40 / 160, 8 / 16 / 16 / 16 / 4 layers, multiplier m = 1.7; the even
    rounding of the widths is the release's [U]), each followed by a 1x1 transition
    conv of 128 / 256 / 320 / 640 / 1024 and, after the first, third and fourth, a
    2x2/2 max pool (56 -> 28 -> 28 -> 14 -> 7); global average pool (MEAN), FC,
    SOFTMAX (dropout left out). 68 layers: 2 stem + 60 block + 5 transition convs
    and the FC. Published: 4.3 G MACs and 17.6 M parameters; this graph counts
    4,246,114,304 MACs (FC included; -1.3 %) and 17,559,042 parameters (weights and
    biases; -0.2 %).
    """
    x = b.conv(b.conv(x, 32, 3, 2, "RELU6"), 64, 3, 1, "RELU6")
    x = b.pool(x, "max", 3, 2, "SAME")
    for growth, layers, out, down in HARDNET68:
        x = b.conv(_hard_block(b, x, growth, layers), out, 1, 1, "RELU6")
        if down:
            x = b.pool(x, "max", 2, 2)
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


def yolov4_tiny(b: NetBuilder, x: int, anchors: int = 3, classes: int = 80
                ) -> tuple[int, int]:
    """YOLOv4-tiny on ``x`` (416x416 for COCO); returns the two head outputs
    ``([1, H/32, W/32, n], [1, H/16, W/16, n])`` with ``n = anchors x (classes + 5)``
    (pass both to :meth:`NetBuilder.finish`).

    Bochkovskiy, Wang and Liao, "YOLOv4: Optimal Speed and Accuracy of Object
    Detection", arXiv 2004.10934, the tiny model of the release (``yolov4-tiny.cfg``);
    every conv is followed by a standalone LEAKY_RELU 0.1 (batch norm folded) except
    the two linear heads: 3x3/2 32, 3x3/2 64 (104x104); three CSP stages of width
    ``c`` = 64 / 128 / 256, each: 3x3 ``c``; the second half of its channels (the
    cfg's ``route groups=2 group_id=1``, a STRIDED_SLICE; a SPLIT with an unused
    first output, as a TF conversion of ``tf.split`` leaves it, cannot be calibrated
    with LiteRT, which allocates no unused output) -> 3x3 ``c/2`` -> 3x3 ``c/2``;
    CONCATENATION ``[second, first]`` of those two, 1x1 ``c``; CONCATENATION
    ``[the stage's first conv, that 1x1]``; 2x2/2 max pool; then 3x3 512 (13x13), a
    1x1 256 (the route point); head 1: 3x3 512, 1x1 ``n``; head 2: 1x1 128 on the
    route point, 2x nearest up-sampling (RESIZE_NEAREST_NEIGHBOR), CONCATENATION
    ``[up-sampled, the last stage's 26x26 1x1 256]`` (``route -1, 23``), 3x3 256, 1x1
    ``n``. The YOLO decoding is left out. Published (the release): 6.9 BFLOPs at 416
    (= 2 x multiply-adds); this graph counts 3,453,938,176 MACs (6.908 G FLOPs) and
    6,053,502 parameters.
    """
    def cbl(x: int, c: int, k: int, s: int = 1) -> int:
        return b.leaky_relu(b.conv(x, c, k, s), 0.1)

    x = cbl(cbl(x, 32, 3, 2), 64, 3, 2)
    for c in (64, 128, 256):
        x = cbl(x, c, 3)
        a = cbl(b.strided_slice(x, (0, 0, 0, c // 2), b.shape(x)), c // 2, 3)
        r = cbl(b.concat([cbl(a, c // 2, 3), a]), c, 1)
        x = b.pool(b.concat([x, r]), "max", 2, 2)
    n = anchors * (classes + 5)
    route = cbl(cbl(x, 512, 3), 256, 1)
    y1 = b.conv(cbl(route, 512, 3), n, 1)
    u = cbl(route, 128, 1)
    _, h, w, _ = b.shape(u)
    u = b.concat([b.resize(u, (2 * h, 2 * w), "nearest"), r])
    y2 = b.conv(cbl(u, 256, 3), n, 1)
    return y1, y2


def inception_v4(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """Inception-v4 on ``x`` (299x299 for ImageNet); returns the SOFTMAX output.

    Szegedy, Ioffe, Vanhoucke and Alemi, "Inception-v4, Inception-ResNet and the
    Impact of Residual Connections on Learning", arXiv 1602.07261, Figures 3-9 (batch
    norm folded, RELU fused into every conv; "V" convs and pools VALID, the rest
    SAME): stem (Figure 3) 3x3/2 32 V, 3x3 32 V, 3x3 64; [3x3/2 max pool V, 3x3/2 96
    V] CONCATENATION (73x73x160); [1x1 64 -> 3x3 96 V, 1x1 64 -> 7x1 64 -> 1x7 64 ->
    3x3 96 V] CONCATENATION (71x71x192); [3x3/2 192 V, 3x3/2 max pool V]
    CONCATENATION (35x35x384); 4 x Inception-A (Figure 4: 3x3/1 average pool -> 1x1
    96 | 1x1 96 | 1x1 64 -> 3x3 96 | 1x1 64 -> 3x3 96 -> 3x3 96; 384); Reduction-A
    (Figure 7, k = 192, l = 224, m = 256, n = 384: 3x3/2 max pool V | 3x3/2 n V | 1x1
    k -> 3x3 l -> 3x3/2 m V; 17x17x1024); 7 x Inception-B (Figure 5: pool -> 1x1 128
    | 1x1 384 | 1x1 192 -> 1x7 224 -> 7x1 256 | 1x1 192 -> 1x7 192 -> 7x1 224 -> 1x7
    224 -> 7x1 256; 1024); Reduction-B (Figure 8: 3x3/2 max pool V | 1x1 192 -> 3x3/2
    192 V | 1x1 256 -> 1x7 256 -> 7x1 320 -> 3x3/2 320 V; 8x8x1536); 3 x Inception-C
    (Figure 6: pool -> 1x1 256 | 1x1 256 | 1x1 384 -> [1x3 256, 3x1 256] | 1x1 384 ->
    1x3 448 -> 3x1 512 -> [3x1 256, 1x3 256]; the split pairs are CONCATENATIONs
    inside the module's, as :func:`inception_v3` writes them; 1536); global average
    pool (MEAN), FC, SOFTMAX (dropout left out). The paper gives no multiply-add
    count; about 12.3 G is the commonly quoted figure at 299; this graph counts
    12,253,974,624 MACs (FC included; -0.4 %) and 42,648,232 parameters (weights and
    biases; about 42.7 M is the commonly quoted figure).
    """
    x = _cbr(b, _cbr(b, x, 32, 3, 2, "VALID"), 32, 3, 1, "VALID")
    x = _cbr(b, x, 64, 3)
    x = b.concat([b.pool(x, "max", 3, 2), _cbr(b, x, 96, 3, 2, "VALID")])
    x = b.concat([_cbr(b, _cbr(b, x, 64, 1), 96, 3, 1, "VALID"),
                  _cbr(b, _chain(b, x, ((64, 1), (64, (7, 1)), (64, (1, 7)))), 96, 3, 1,
                       "VALID")])
    x = b.concat([_cbr(b, x, 192, 3, 2, "VALID"), b.pool(x, "max", 3, 2)])
    for _ in range(4):
        x = b.concat([_avg_proj(b, x, 96), _cbr(b, x, 96, 1),
                      _chain(b, x, ((64, 1), (96, 3))),
                      _chain(b, x, ((64, 1), (96, 3), (96, 3)))])
    x = b.concat([b.pool(x, "max", 3, 2), _cbr(b, x, 384, 3, 2, "VALID"),
                  _cbr(b, _chain(b, x, ((192, 1), (224, 3))), 256, 3, 2, "VALID")])
    for _ in range(7):
        x = b.concat([_avg_proj(b, x, 128), _cbr(b, x, 384, 1),
                      _chain(b, x, ((192, 1), (224, (1, 7)), (256, (7, 1)))),
                      _chain(b, x, ((192, 1), (192, (1, 7)), (224, (7, 1)),
                                    (224, (1, 7)), (256, (7, 1))))])
    x = b.concat([b.pool(x, "max", 3, 2),
                  _cbr(b, _cbr(b, x, 192, 1), 192, 3, 2, "VALID"),
                  _cbr(b, _chain(b, x, ((256, 1), (256, (1, 7)), (320, (7, 1)))),
                       320, 3, 2, "VALID")])
    for _ in range(3):
        h = _cbr(b, x, 384, 1)
        d = _chain(b, x, ((384, 1), (448, (1, 3)), (512, (3, 1))))
        x = b.concat([_avg_proj(b, x, 256), _cbr(b, x, 256, 1),
                      b.concat([_cbr(b, h, 256, (1, 3)), _cbr(b, h, 256, (3, 1))]),
                      b.concat([_cbr(b, d, 256, (3, 1)), _cbr(b, d, 256, (1, 3))])])
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


# -- held-out families IX (session 21, pre-registered)

def deeplabv3_mobilenet_v2(b: NetBuilder, x: int, classes: int = 21) -> int:
    """DeepLabv3 with a MobileNet-v2 backbone on ``x`` (513x513 for PASCAL VOC);
    returns the per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Chen et al., "Rethinking Atrous Convolution for Semantic Image Segmentation", arXiv
    1706.05587, in the MobileNet-v2 form of Sandler et al., arXiv 1801.04381, Section
    6.3 and Table 7 ("MNet V2*", output stride 16, no ASPP; batch norm folded): the
    MobileNet-v2 1.0 stem and 17 bottlenecks (:func:`_mbv2_body`) with output stride
    16: the first 160-channel bottleneck keeps stride 1 and the later depthwise convs
    are dilated by 2 (33x33x320 at 513; V2*: the last 1x1 conv of 1280 is left out);
    the DeepLabv3 head without the atrous branches: image pooling (MEAN over H, W,
    1x1 conv 256 RELU, bilinear up-sampling of the 1x1 map to 33x33) and a 1x1 conv
    256 RELU, CONCATENATION ``[pooled, 1x1]``, 1x1 conv 256 RELU (the projection),
    1x1 conv of ``classes`` (linear; dropout left out); bilinear up-sampling of the
    logits to the input size, every RESIZE_BILINEAR with align_corners (513 = 16 x 32
    + 1). RELU6 in the backbone and RELU in the head, as the papers' releases have
    them [U]. The x16 up-sampling of the logits is written as two x4 steps (33 -> 129
    -> 513), since Vela maps bilinear up-sampling only by 2, 4 or 8 [U]; 21 VOC
    classes. The input is DeepLab's 513 x 513 crop [U: Table 7 says 512; at 512 this
    graph counts 2,603,958,272 MACs, -5.3 %]. Published (Table 7): 2.75 B MAdds and
    2.11 M parameters; this graph counts 2,740,709,056 MACs at 513 (-0.3 %) and
    2,097,013 parameters (weights and biases; -0.6 %).
    """
    _, h, w, _ = b.shape(x)
    y, _ = _mbv2_body(b, x, 1.0, output_stride=16)
    _, fh, fw, _ = b.shape(y)
    p = b.conv(b.mean(y, (1, 2), keep_dims=True), 256, 1, 1, "RELU")
    y = b.concat([b.resize(p, (fh, fw), "bilinear", True),
                  b.conv(y, 256, 1, 1, "RELU")])
    y = b.conv(b.conv(y, 256, 1, 1, "RELU"), classes, 1)
    y = b.resize(y, (4 * fh - 3, 4 * fw - 3), "bilinear", True)
    return b.resize(y, (h, w), "bilinear", True)


#: ERFNet encoder (Romera et al., IEEE T-ITS 2018, Table 1): ("down", output
#: channels) downsampler blocks and ("nb", dilation) non-bottleneck-1D blocks
ERFNET_ENCODER = (("down", 16), ("down", 64)) + (("nb", 1),) * 5 + (("down", 128),) + (
    ("nb", 2), ("nb", 4), ("nb", 8), ("nb", 16)) * 2
#: ERFNet decoder: ("up", channels) 3x3/2 deconvolutions and non-bottleneck-1D blocks
ERFNET_DECODER = (("up", 64), ("nb", 1), ("nb", 1), ("up", 16), ("nb", 1), ("nb", 1))


def _non_bt_1d(b: NetBuilder, x: int, d: int) -> int:
    """ERFNet's non-bottleneck-1D block: 3x1 RELU, 1x3 RELU, 3x1 and 1x3 dilated by
    ``d`` along their long axis (RELU between), ADD with the input and fused RELU."""
    c = b.shape(x)[-1]
    h = b.conv(b.conv(x, c, (3, 1), 1, "RELU"), c, (1, 3), 1, "RELU")
    h = b.conv(h, c, (3, 1), 1, "RELU", dilation=(d, 1))
    return b.add(b.conv(h, c, (1, 3), dilation=(1, d)), x, "RELU")


def erfnet(b: NetBuilder, x: int, classes: int = 19) -> int:
    """ERFNet on ``x`` (``[1, 256, 512, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Romera, Alvarez, Bergasa and Arroyo, "ERFNet: Efficient Residual Factorized ConvNet
    for Real-Time Semantic Segmentation", IEEE T-ITS 19(1), 2018, Table 1 and Figures
    2-3 (batch norm folded): encoder (:data:`ERFNET_ENCODER`) of downsampler blocks
    (CONCATENATION of a 3x3/2 conv to ``out - in`` channels and a 2x2/2 max pool of
    the input, then RELU: the batch norm between cannot fold into the pool's half and
    is left out, the RELU standalone [U]) to 16 / 64 / 128 channels, five
    non-bottleneck-1D blocks (:func:`_non_bt_1d`) at 64 and eight at 128 with
    dilations 2, 4, 8, 16 twice (1/8 resolution: 32x64); decoder
    (:data:`ERFNET_DECODER`) of 3x3/2 deconvolutions (TRANSPOSE_CONV, SAME, RELU) to
    64 and 16 channels, each followed by two non-bottleneck-1D blocks, and a last
    2x2/2 TRANSPOSE_CONV (VALID, linear) to ``classes`` [U: the table fixes only
    "deconvolution"]; dropout left out. 19 Cityscapes classes [U]. The paper gives no
    multiply-add count; this graph counts 6,651,084,800 MACs at 512 x 256 (the
    TRANSPOSE_CONVs count ``H_i W_i C_i K_h K_w C_o``) and 2,057,599 parameters
    (weights and biases; -2 % from the about 2.1 M that later papers quote).
    """
    for kind, v in ERFNET_ENCODER + ERFNET_DECODER:
        if kind == "nb":
            x = _non_bt_1d(b, x, v)
        elif kind == "down":
            c = b.conv(x, v - b.shape(x)[-1], 3, 2)
            x = b.act(b.concat([c, b.pool(x, "max", 2, 2)]), "RELU")
        else:
            x = b.transpose_conv(x, v, 3, 2, "RELU")
    return b.transpose_conv(x, classes, 2, 2, padding="VALID")


#: SSDLite extra feature layers on MobileNet-v2 (the TF object detection API's
#: ``ssdlite_mobilenet_v2``; arXiv 1801.04381 fixes none [U]): output channels of the
#: 1x1 -> 3x3/2 depthwise -> 1x1 layers (the first 1x1 has half)
SSDLITE_EXTRA = (512, 256, 256, 128)


def ssdlite_mobilenet_v2(b: NetBuilder, x: int,
                         anchors: tuple[int, ...] = (3, 6, 6, 6, 6, 6),
                         classes: int = 81) -> tuple[int, int]:
    """SSDLite with a MobileNet-v2 backbone on ``x`` (320x320 for COCO); returns the
    box encodings ``[1, N, 4]`` and class logits ``[1, N, classes]`` over all ``N``
    anchors (pass both to :meth:`NetBuilder.finish`).

    Sandler et al., arXiv 1801.04381, Section 6.2 and Table 6 (SSDLite: the SSD heads
    of Liu et al., arXiv 1512.02325, with every regular conv replaced by a 3x3
    depthwise and a 1x1 conv; batch norm folded, RELU6): the MobileNet-v2 1.0 backbone
    (:func:`_mbv2_body` and the 1x1 conv of 1280); the first SSDLite feature map is
    the expansion of layer 15 (the 1x1 expansion at output stride 16: 20x20x576 at
    320), the second the last layer (10x10x1280), then four extra layers
    (:data:`SSDLITE_EXTRA`: 1x1 ``c/2`` RELU6, 3x3/2 depthwise RELU6, 1x1 ``c``
    RELU6; 5, 3, 2, 1 pixels) [U]; per feature map a box predictor and a class
    predictor, each its own 3x3 depthwise RELU6 and a linear 1x1 conv to ``4 A`` /
    ``classes x A`` channels (``A`` anchors per pixel: 3 on the first map, 6 on the
    rest; the 80 COCO classes and background) [U], RESHAPE to ``[1, H W A, 4]`` /
    ``[1, H W A, classes]``, CONCATENATION over the six maps (2034 anchors at 320).
    The box decoding and non-maximum suppression (TFLite_Detection_PostProcess, a
    custom CPU op) are left out. Published (Table 6, 320 x 320): 0.8 B MAdds and 4.3
    M parameters; this graph counts 788,830,144 MACs (-1.4 %) and 4,311,637
    parameters (weights and biases; +0.3 %; with the 91 classes of the TF detection
    API's label map 804,397,504 MACs and 4,475,167 parameters, +4.1 %).
    """
    y, tap = _mbv2_body(b, x, 1.0)
    feats = [tap, b.conv(y, 1280, 1, 1, "RELU6")]
    for c in SSDLITE_EXTRA:
        h = b.conv(feats[-1], c // 2, 1, 1, "RELU6")
        feats.append(b.conv(b.dwconv(h, 3, 2, "RELU6"), c, 1, 1, "RELU6"))
    return _ssd_heads(b, feats, anchors, (4, classes),
                      lambda f, c: b.conv(b.dwconv(f, 3, 1, "RELU6"), c, 1))


def _ssd_heads(b: NetBuilder, feats: list[int], anchors: tuple[int, ...],
               widths: tuple[int, ...], predict) -> tuple[int, ...]:
    """Per feature map one predictor (``predict(map, channels)``) per value width
    ``n`` of ``widths`` (``(4, classes)``: a box and a class predictor), RESHAPE to
    ``[1, H W A, n]``, CONCATENATION over the maps; one output per width."""
    outs = [[] for _ in widths]
    for f, a in zip(feats, anchors, strict=True):
        _, h, w, _ = b.shape(f)
        for out, n in zip(outs, widths, strict=True):
            out.append(b.reshape(predict(f, a * n), (1, h * w * a, n)))
    return tuple(b.concat(out, axis=1) for out in outs)


#: MobileFaceNet bottlenecks (arXiv 1804.07573 Table 1): (expansion t, output
#: channels c, repeats n, stride s of the first)
MOBILEFACENET = ((2, 64, 5, 2), (4, 128, 1, 2), (2, 128, 6, 1), (4, 128, 1, 2),
                 (2, 128, 2, 1))


def _conv_prelu(b: NetBuilder, x: int, c: int, k: int, s: int = 1) -> int:
    return b.act(b.conv(x, c, k, s), "PRELU")


def mobilefacenet(b: NetBuilder, x: int, embedding: int = 128) -> int:
    """MobileFaceNet on ``x`` (112x112 faces); returns the embedding ``[1, 128]``
    (no SOFTMAX).

    Chen, Liu, Gao and Han, "MobileFaceNets: Efficient CNNs for Accurate Real-Time
    Face Verification on Mobile Devices", arXiv 1804.07573, Table 1 and Section 3
    (batch norm folded; PRELU with one slope per channel as a standalone op after
    every non-linear conv): conv 3x3/2 64; 3x3 depthwise 64; bottlenecks
    (:data:`MOBILEFACENET`: 1x1 expansion to ``t`` x the input channels with PRELU,
    3x3 depthwise with PRELU, stride on a stage's first repeat, linear 1x1
    projection, residual ADD when the stride is 1 and the channels are kept); conv
    1x1 512 PRELU; the linear global depthwise conv (GDConv: 7x7 depthwise, VALID);
    linear 1x1 conv of ``embedding``; RESHAPE to ``[1, embedding]``. Published (Table
    2): 0.99 M parameters and 221 M MAdds; this graph counts 220,965,376 MACs (-0.02
    %) and 993,344 parameters (weights, biases and PRELU slopes; +0.3 %).
    """
    x = b.act(b.dwconv(_conv_prelu(b, x, 64, 3, 2), 3), "PRELU")
    for t, c, n, stride in MOBILEFACENET:
        for j in range(n):
            s, cin = (stride if j == 0 else 1), b.shape(x)[-1]
            h = b.act(b.dwconv(_conv_prelu(b, x, cin * t, 1), 3, s), "PRELU")
            h = b.conv(h, c, 1)
            x = b.add(x, h) if s == 1 and cin == c else h
    x = b.dwconv(_conv_prelu(b, x, 512, 1), b.shape(x)[1], padding="VALID")
    return b.reshape(b.conv(x, embedding, 1), (1, embedding))


# -- held-out families X (session 21, pre-registered in addendum 5)

#: MnasNet-B1 stages (arXiv 1807.11626 v1, Figure 7, the SE-free "MnasNet"), in the
#: :data:`MNASNET_A1` layout: (expansion, kernel, stride, output channels, repeats, SE)
MNASNET_B1 = ((1, 3, 1, 16, 1, False), (3, 3, 2, 24, 3, False),
              (3, 5, 2, 40, 3, False), (6, 5, 2, 80, 3, False),
              (6, 3, 1, 96, 2, False), (6, 5, 2, 192, 4, False),
              (6, 3, 1, 320, 1, False))


def mnasnet_b1(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """MnasNet-B1 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Tan et al., arXiv 1807.11626 v1 (July 2018), Figure 7: the MnasNet found without
    squeeze-excite (named B1 in the authors' release; :data:`MNASNET_B1`): stem 3x3/2
    32 RELU; SepConv 3x3 16; MBConv3 3x3 x3 (24), MBConv3 5x5 x3 (40), MBConv6 5x5 x3
    (80), MBConv6 3x3 x2 (96), MBConv6 5x5 x4 (192), MBConv6 3x3 x1 (320), the
    blocks and head of :func:`mnasnet_a1` (1x1 expansion RELU, depthwise RELU with the
    stride on a stage's first block, linear 1x1 projection, residual ADD where the
    shape is kept; 1x1 1280 RELU, MEAN, FC, SOFTMAX). Batch norm folded; no [U].
    Published (v1, Table 1, recalled, not read): 317 M multiply-adds and 4.2 M
    parameters; this graph counts 314,415,872 MACs (-0.8 %; SE-free blocks, FC
    included) and 4,364,352 parameters (weights and biases; +3.9 %).
    """
    return _mnasnet(b, x, MNASNET_B1, classes)


#: LinkNet encoder / decoder widths (arXiv 1707.03718, Table 1): (m, n) of encoder and
#: decoder block i = 1 ... 4 (the decoder maps n -> m back: 1x1 to n/4, 3x3
#: full-conv, 1x1 to the encoder's m)
LINKNET = ((64, 64), (64, 128), (128, 256), (256, 512))


def linknet(b: NetBuilder, x: int, classes: int = 19) -> int:
    """LinkNet on ``x`` (``[1, 256, 512, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Chaurasia and Culurciello, "LinkNet: Exploiting Encoder Representations for
    Efficient Semantic Segmentation", arXiv 1707.03718, Figures 1-3 and Table 1
    (:data:`LINKNET`; batch norm folded, RELU fused): initial block 7x7/2 conv 64 and
    3x3/2 max pool (the paper's 3x3; the authors' project page says 2x2 [U]); four
    encoder blocks (m, n) = (64, 64) ... (256, 512), each two ResNet-18 basic blocks
    (3x3 conv RELU, 3x3 conv, ADD with fused RELU; the first conv strided by 2 with a
    1x1/2 projection shortcut, except in encoder 1, which "does not perform strided
    convolution" (the authors' project page), so 1/32 at encoder 4); decoder block i
    (n -> m): 1x1 conv n/4 RELU, 3x3 full-conv (TRANSPOSE_CONV, SAME) n/4 RELU with
    stride 2 (stride 1 in decoder 1, mirroring encoder 1 [U]), 1x1 conv m RELU, then
    ADD with the input of encoder i (the bypass; linear [U]); final block: 3x3/2
    full-conv 32 RELU, 3x3 conv 32 RELU, 2x2/2 full-conv (VALID, linear) to
    ``classes``. 19 Cityscapes classes and the 512 x 256 input [U]. Published (read
    in summaries of the paper, not the paper): 11.5 M parameters and 21.2 GFLOPs at 3
    x 640 x 360; this graph counts 11,529,779 parameters (weights and biases; +0.3 %),
    5,437,915,136 MACs at 512 x 256 and 9,346,416,640 at 640 x 352 (640 x 360 is not
    a multiple of 32), 9.56 G scaled to 640 x 360: 19.1 G FLOPs at 2 per MAC (-9.8
    %; the paper's FLOP convention is not stated).
    """
    y = _resnet_stem(b, x)
    skips = []
    for i, (m, n) in enumerate(LINKNET):
        skips.append(y)
        s = 1 if i == 0 else 2
        h = b.conv(b.conv(y, n, 3, s, "RELU"), n, 3)
        y = b.add(h, _shortcut(b, y, n, s), "RELU")
        y = b.add(b.conv(b.conv(y, n, 3, 1, "RELU"), n, 3), y, "RELU")
    for i in reversed(range(len(LINKNET))):
        (m, n), skip = LINKNET[i], skips[i]
        h = b.conv(y, n // 4, 1, 1, "RELU")
        h = b.transpose_conv(h, n // 4, 3, 1 if i == 0 else 2, "RELU")
        y = b.add(b.conv(h, m, 1, 1, "RELU"), skip)
    y = b.conv(b.transpose_conv(y, 32, 3, 2, "RELU"), 32, 3, 1, "RELU")
    return b.transpose_conv(y, classes, 2, 2, padding="VALID")


def wide_resnet_cifar(b: NetBuilder, x: int, depth: int = 16, k: int = 4,
                      classes: int = 10) -> int:
    """WRN-``depth``-``k`` on a 32x32 ``x``; returns the SOFTMAX output.

    Zagoruyko and Komodakis, "Wide Residual Networks", arXiv 1605.07146, Table 1: conv1
    3x3 16; groups conv2 / conv3 / conv4 of ``N = (depth - 4) / 6`` pre-activation
    basic blocks B(3, 3) of width 16k / 32k / 64k (BN-RELU-conv 3x3, BN-RELU-conv
    3x3, ADD), stride 2 on the first block of conv3 and conv4, a 1x1 conv shortcut
    on the pre-activated input where the width or stride changes; BN-RELU, 8x8
    average pool (MEAN), FC, SOFTMAX; dropout left out. The batch norm after a conv
    folds into it (RELU fused); a pre-activation batch norm after an ADD cannot fold
    and is left out, its RELU standalone [U] (the stem's folds into conv1). Published
    (recalled, not read): 2.7 M parameters for WRN-16-4; no multiply-add count; this
    graph counts 392,612,352 MACs and 2,747,530 parameters
    (weights and biases; +1.8 %).
    """
    x = b.conv(x, 16, 3, 1, "RELU")
    for i, w in enumerate((16 * k, 32 * k, 64 * k)):
        for j in range((depth - 4) // 6):
            s = 2 if i > 0 and j == 0 else 1
            a = x if i == j == 0 else b.act(x, "RELU")
            h = b.conv(b.conv(a, w, 3, s, "RELU"), w, 3)
            x = b.add(h, x if s == 1 and b.shape(x)[-1] == w else b.conv(a, w, 1, s))
    return b.softmax(b.fc(b.mean(b.act(x, "RELU"), (1, 2), keep_dims=False), classes))


#: SSD extra feature layers on MobileNet-v1 (the TF object detection API's
#: ``ssd_mobilenet_v1``; arXiv 1704.04861 fixes none [U]): output channels of the
#: 1x1 -> 3x3/2 conv layers (the 1x1 has half)
SSD_MNV1_EXTRA = (512, 256, 256, 128)


def ssd_mobilenet_v1(b: NetBuilder, x: int,
                     anchors: tuple[int, ...] = (3, 6, 6, 6, 6, 6),
                     classes: int = 91) -> tuple[int, int]:
    """SSD 300 on a MobileNet-v1 backbone on ``x`` (300x300 for COCO); returns the box
    encodings ``[1, N, 4]`` and class logits ``[1, N, classes]`` (N = 1917 at 300).

    Howard et al., arXiv 1704.04861, Section 4.7 and Table 13 (SSD of Liu et al., arXiv
    1512.02325, on MobileNet-v1 1.0; the layout of the TF object detection API's
    ``ssd_mobilenet_v1_coco`` [U]; batch norm folded, RELU6): the MobileNet-v1 stem and
    13 blocks (:func:`_mbv1_body`, no pool / FC); feature maps: the 11th pointwise
    conv (19x19x512 at 300), the 13th (10x10x1024), then four extra layers
    (:data:`SSD_MNV1_EXTRA`: 1x1 ``c/2`` RELU6, 3x3/2 conv ``c`` RELU6; 5, 3, 2, 1
    pixels); per map a linear 1x1 conv box predictor (``4 A``) and class predictor
    (``classes x A``; 3 anchors on the first map, 6 on the rest; 90 COCO classes and
    background) [U], RESHAPE and CONCATENATION as in :func:`ssdlite_mobilenet_v2`. The
    box decoding and non-maximum suppression are left out. Published (Table 13, SSD
    300, MobileNet): 1.2 B mult-adds and 6.8 M parameters; this graph counts
    1,237,129,408 MACs (+3.1 %) and 6,807,167 parameters (+0.1 %).
    """
    outs = _mbv1_body(b, x)
    feats = [outs[10], outs[12]]
    for c in SSD_MNV1_EXTRA:
        h = b.conv(feats[-1], c // 2, 1, 1, "RELU6")
        feats.append(b.conv(h, c, 3, 2, "RELU6"))
    return _ssd_heads(b, feats, anchors, (4, classes), lambda f, c: b.conv(f, c, 1))


# -- held-out families XI (session 22, pre-registered)

__all__ += ["cgnet", "dabnet", "edanet", "espnet"]


def _input_injection(b: NetBuilder, x: int, times: int) -> int:
    """The input image down-sampled ``times`` times by 3x3/2 average pools (SAME), the
    "input injection" / "input projection" of ESPNet, CGNet and DABNet."""
    for _ in range(times):
        x = b.pool(x, "avg", 3, 2, "SAME")
    return x


def _stem_injection(b: NetBuilder, x: int) -> int:
    """The stem CGNet and DABNet share: three 3x3 convs of 32 with PRELU (the first
    /2), CONCATENATION with the input / 2 (:func:`_input_injection`), PRELU."""
    h = _conv_prelu(b, _conv_prelu(b, _conv_prelu(b, x, 32, 3, 2), 32, 3), 32, 3)
    return b.act(b.concat([h, _input_injection(b, x, 1)]), "PRELU")


def _bilinear_x8(b: NetBuilder, x: int) -> int:
    """Bilinear x8 up-sampling with half-pixel centres (PyTorch's ``align_corners=
    False``) as three RESIZE_BILINEAR x2 steps: Vela 5.2 maps half-pixel resizes only
    by 2."""
    for _ in range(3):
        _, h, w, _ = b.shape(x)
        x = b.resize(x, (2 * h, 2 * w), "bilinear", half_pixel_centers=True)
    return x


def _esp(b: NetBuilder, x: int, c: int, stride: int = 1, add: bool = False) -> int:
    """ESPNet's ESP module (arXiv 1803.06815; the release's
    ``DilatedParllelResidualBlockB`` / ``DownSamplerB``): reduce to ``n = c // 5``
    channels (1x1, or 3x3/2 when ``stride`` is 2), five parallel 3x3 convs dilated by
    1, 2, 4, 8, 16 (the first to ``c - 4 n``), hierarchical feature fusion (ADD of
    the dilated outputs in order), CONCATENATION; ADD with the input if ``add``.
    No activation (the caller's PRELU)."""
    n = c // 5
    r = b.conv(x, n, 3 if stride == 2 else 1, stride)
    ds = [b.conv(r, c - 4 * n if i == 0 else n, 3, dilation=2 ** i) for i in range(5)]
    hff = [ds[1]]
    for d in ds[2:]:
        hff.append(b.add(hff[-1], d))
    y = b.concat([ds[0], *hff])
    return b.add(x, y) if add else y


def espnet(b: NetBuilder, x: int, p: int = 2, q: int = 8, classes: int = 19) -> int:
    """ESPNet on ``x`` (``[1, 256, 512, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Mehta et al., "ESPNet: Efficient Spatial Pyramid of Dilated Convolutions for
    Semantic Segmentation", ECCV 2018, arXiv 1803.06815 (the full ESPNet with the
    paper's alpha_2 = 2, alpha_3 = 8; widths and decoder as in the authors' release,
    sacmehta/ESPNet ``train/Model.py``; PRELU standalone): conv 3x3/2 16 PRELU;
    CONCATENATION with the input down-sampled by a 3x3/2 average pool, PRELU; ESP/2
    (:func:`_esp`) to 64, PRELU; ``p`` residual ESP modules of 64 with PRELU;
    CONCATENATION ``[level 2, ESP/2 output, input / 4]`` (131) PRELU; ESP/2 to 128
    PRELU; ``q`` residual ESP modules of 128; CONCATENATION (256) PRELU; decoder: 1x1
    conv to ``classes``, 2x2/2 TRANSPOSE_CONV (VALID) to 1/4, CONCATENATION with a 1x1
    conv of the 131-channel map, PRELU, a non-residual ESP module to ``classes``, PRELU,
    2x2/2 TRANSPOSE_CONV PRELU to 1/2, CONCATENATION with the 19-channel level-1 map,
    3x3 conv PRELU, 2x2/2 TRANSPOSE_CONV to the input size (linear). Batch norm folded
    where it follows a conv; after a CONCATENATION with an average-pooled image, after a
    residual ADD or after hierarchical feature fusion (the ADDs reuse each dilated
    output, so no per-conv scale exists) it is left out and its PRELU kept standalone
    [U]; every conv has a bias (the release's have none where a batch norm follows) [U].
    19 Cityscapes classes (the release trains 20) and the 512 x 256 input [U: the paper
    reports 1024 x 512]. Published: 0.364 M parameters (read as quoted by later papers,
    not in the paper); this graph counts 361,459 (weights, biases and PRELU slopes;
    -0.7 %) and 1,167,570,944 MACs at 512 x 256 (4,670,283,776 at 1024 x 512; the
    TRANSPOSE_CONVs count ``H_i W_i C_i K_h K_w C_o``).
    """
    l1 = _conv_prelu(b, x, 16, 3, 2)
    cat0 = b.act(b.concat([l1, _input_injection(b, x, 1)]), "PRELU")
    y0 = b.act(_esp(b, cat0, 64, 2), "PRELU")
    y = y0
    for _ in range(p):
        y = b.act(_esp(b, y, 64, add=True), "PRELU")
    cat1 = b.act(b.concat([y, y0, _input_injection(b, x, 2)]), "PRELU")
    y0 = b.act(_esp(b, cat1, 128, 2), "PRELU")
    y = y0
    for _ in range(q):
        y = b.act(_esp(b, y, 128, add=True), "PRELU")
    cat2 = b.act(b.concat([y0, y]), "PRELU")
    up = b.transpose_conv(b.conv(cat2, classes, 1), classes, 2, 2, padding="VALID")
    y = b.act(b.concat([b.conv(cat1, classes, 1), up]), "PRELU")
    y = b.act(_esp(b, y, classes), "PRELU")
    y = b.act(b.transpose_conv(y, classes, 2, 2, padding="VALID"), "PRELU")
    y = _conv_prelu(b, b.concat([y, cat0]), classes, 3)
    return b.transpose_conv(y, classes, 2, 2, padding="VALID")


def _cg_block(b: NetBuilder, x: int, c: int, d: int, r: int, down: bool) -> int:
    """CGNet's context guided block (arXiv 1811.08201; the release's
    ``ContextGuidedBlock`` / ``_Down``): f_loc (3x3 depthwise) and f_sur (3x3
    depthwise dilated by ``d``) on a 1x1 conv PRELU to ``c / 2`` channels (down: a
    3x3/2 conv PRELU to ``c``), CONCATENATION, PRELU (down: then a 1x1 conv to
    ``c``); f_glo: MEAN, 1x1 conv ``c / r`` RELU, 1x1 conv ``c`` LOGISTIC, broadcast
    MUL; residual ADD (not down)."""
    h = _conv_prelu(b, x, c, 3, 2) if down else _conv_prelu(b, x, c // 2, 1)
    j = b.act(b.concat([b.dwconv(h, 3), b.dwconv(h, 3, dilation=d)]), "PRELU")
    if down:
        j = b.conv(j, c, 1)
    g = b.conv(b.mean(j, (1, 2), keep_dims=True), c // r, 1, 1, "RELU")
    j = b.mul(j, b.act(b.conv(g, c, 1), "LOGISTIC"))
    return j if down else b.add(x, j)


def cgnet(b: NetBuilder, x: int, m: int = 3, n: int = 21, classes: int = 19) -> int:
    """CGNet_M3N21 on ``x`` (``[1, 256, 512, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Wu, Tang, Zhang and Zhang, "CGNet: A Light-weight Context Guided Network for
    Semantic Segmentation", arXiv 1811.08201 (M = 3, N = 21; the authors' release,
    wutianyiRosun/CGNet ``model/CGNet.py``; batch norm folded, PRELU standalone): stage
    1 three 3x3 convs of 32 PRELU (the first /2); CONCATENATION with the input / 2
    (3x3/2 average pool) PRELU; stage 2 a down-sampling CG block (:func:`_cg_block`,
    dilation 2, reduction 8) to 64 and ``m - 1`` CG blocks; CONCATENATION ``[stage 2,
    its first block, input / 4]`` (131) PRELU; stage 3 a down-sampling CG block to 128
    (dilation 4, reduction 16) and ``n - 1`` CG blocks; CONCATENATION (256) PRELU; 1x1
    conv to ``classes``; bilinear x8 up-sampling (:func:`_bilinear_x8`, three x2 steps
    [U]). The f_glo Linear layers are 1x1 convs on the pooled map. The batch norms after
    a CONCATENATION with an average-pooled image or with a residual ADD's output cannot
    fold and are left out (PRELU standalone) [U]; every conv has a bias (the release's
    have none) [U]. 19 Cityscapes classes; the 512 x 256 input [U: the paper trains on
    680 x 680 crops and tests at 1024 x 2048]. Published (abstract): "less than 0.5 M
    parameters" (0.5 M for M3N21, recalled from the paper's tables, not read); this
    graph counts 490,969 (weights, biases and PRELU slopes; -1.8 %) and 1,690,612,736
    MACs at 512 x 256 (6,762,312,704 at 1024 x 512).
    """
    y = _stem_injection(b, x)
    for stage, (c, d, r, k) in enumerate(((64, 2, 8, m), (128, 4, 16, n))):
        y0 = _cg_block(b, y, c, d, r, True)
        y = y0
        for _ in range(k - 1):
            y = _cg_block(b, y, c, d, r, False)
        parts = [y, y0, _input_injection(b, x, 2)] if stage == 0 else [y0, y]
        y = b.act(b.concat(parts), "PRELU")
    return _bilinear_x8(b, b.conv(y, classes, 1))


#: EDANet (arXiv 1809.06323): ("down", output channels) downsampling blocks and
#: ("eda", dilation) EDA modules of growth rate 40
EDANET = (("down", 15), ("down", 60)) + tuple(("eda", d) for d in (1, 1, 1, 2, 2)) + (
    ("down", 130),) + tuple(("eda", d) for d in (2, 2, 4, 4, 8, 8, 16, 16))


def edanet(b: NetBuilder, x: int, growth: int = 40, classes: int = 19) -> int:
    """EDANet on ``x`` (``[1, 256, 512, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Lo, Hang, Chan and Lin, "Efficient Dense Modules of Asymmetric Convolution for
    Real-Time Semantic Segmentation", arXiv 1809.06323 (:data:`EDANET`; the authors
    publish a layer list, not code: as reimplemented, e.g. TropComplique/EDANet
    ``architecture.py``; batch norm folded, RELU): downsampling blocks (the ENet initial
    block: CONCATENATION of a 3x3/2 conv to ``out - in`` channels and a 2x2/2 max pool
    of the input, then RELU; the batch norm between cannot fold into the pool's half and
    is left out, the RELU standalone [U]; when ``out < in`` (block 3, 260 -> 130) a
    3x3/2 conv with RELU only) to 15 / 60 / 130 channels; EDA modules: 1x1 conv
    ``growth`` RELU, 3x1 conv, 1x3 conv RELU, 3x1 and 1x3 convs dilated by ``d`` along
    their long axis (RELU after the pair), CONCATENATION of the output onto the module's
    input (dense connectivity; 5 modules at 1/4 to 260 channels, 8 at 1/8 to 450); a 1x1
    projection to ``classes``; bilinear x8 up-sampling as one RESIZE_BILINEAR x8 without
    align_corners [U: the paper's x8 with align_corners has no NPU form, since
    (256 - 1) / (32 - 1) is no power of 2]. Every conv has a bias (reimplementations
    have none on the downsampler conv and the first 3x1 of each pair) [U]; dropout left
    out. 19 Cityscapes classes and the 512 x 256 input [U: the paper trains and reports
    speed at 512 x 1024]. Published (recalled, not read): 0.68 M parameters and 8.97 G
    FLOPs at 512 x 1024; this graph counts 685,955 parameters (weights and biases;
    +0.9 %), 2,208,223,232 MACs at 512 x 256 and 8,832,892,928 at 512 x 1024 (-1.5 %,
    one FLOP a multiply-add).
    """
    for kind, v in EDANET:
        if kind == "eda":
            h = b.conv(x, growth, 1, 1, "RELU")
            h = b.conv(b.conv(h, growth, (3, 1)), growth, (1, 3), 1, "RELU")
            h = b.conv(h, growth, (3, 1), dilation=(v, 1))
            h = b.conv(h, growth, (1, 3), 1, "RELU", dilation=(1, v))
            x = b.concat([h, x])
        elif v > b.shape(x)[-1]:
            c = b.conv(x, v - b.shape(x)[-1], 3, 2)
            x = b.act(b.concat([c, b.pool(x, "max", 2, 2)]), "RELU")
        else:
            x = b.conv(x, v, 3, 2, "RELU")
    _, h, w, _ = b.shape(x)
    return b.resize(b.conv(x, classes, 1), (8 * h, 8 * w), "bilinear")


def _dab_module(b: NetBuilder, x: int, d: int) -> int:
    """DABNet's depth-wise asymmetric bottleneck (arXiv 1907.11357; the release's
    ``DABModule``):
    PRELU (pre-activation), 3x3 conv to ``c / 2`` PRELU; two depthwise branches, 3x1
    PRELU then 1x3 PRELU, the second dilated by ``d`` along the long axis; ADD,
    PRELU, 1x1 conv back to ``c`` (linear), residual ADD."""
    c = b.shape(x)[-1]
    h = _conv_prelu(b, b.act(x, "PRELU"), c // 2, 3)
    br = []
    for dd in (1, d):
        t = b.act(b.dwconv(h, (3, 1), dilation=(dd, 1)), "PRELU")
        br.append(b.act(b.dwconv(t, (1, 3), dilation=(1, dd)), "PRELU"))
    return b.add(b.conv(b.act(b.add(*br), "PRELU"), c, 1), x)


def dabnet(b: NetBuilder, x: int, classes: int = 19) -> int:
    """DABNet on ``x`` (``[1, 256, 512, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Li and Kim, "DABNet: Depth-wise Asymmetric Bottleneck for Real-time Semantic
    Segmentation", BMVC 2019, arXiv 1907.11357 (the authors' release, Reagan1311/DABNet
    ``model/DABNet.py``; batch norm folded, PRELU standalone): three 3x3 convs of 32
    PRELU (the first /2); CONCATENATION with the input / 2 (3x3/2 average pool) PRELU;
    downsampling block (CONCATENATION of a 3x3/2 conv to 29 channels and a 2x2/2 max
    pool, PRELU) to 64; 3 DAB modules (:func:`_dab_module`, dilation 2); CONCATENATION
    ``[block 1, its input, input / 4]`` (131) PRELU; downsampling block (3x3/2 conv to
    128 PRELU); 6 DAB modules dilated 4, 4, 8, 8, 16, 16; CONCATENATION ``[block 2, its
    input, input / 8]`` (259) PRELU; 1x1 conv to ``classes``; bilinear x8 up-sampling
    (:func:`_bilinear_x8`, three x2 steps [U]). The batch norms after a CONCATENATION
    with a pooled map or before a module (after a residual ADD) cannot fold and are left
    out (PRELU standalone) [U]; every conv has a bias (the release's have none) [U]. 19
    Cityscapes classes and the 512 x 256 input [U: the paper reports 512 x 1024].
    Published: 0.76 M parameters (abstract) and 10.46 G FLOPs at 512 x 1024 (its
    comparison table; recalled, not read); this graph counts 751,169 parameters
    (weights, biases and PRELU slopes; -1.2 %), 2,555,095,040 MACs at 512 x 256 and
    10,220,380,160 at 512 x 1024 (-2.3 %, one FLOP a multiply-add).
    """
    y = _stem_injection(b, x)
    for i, (c, ds) in enumerate(((64, (2, 2, 2)), (128, (4, 4, 8, 8, 16, 16)))):
        cin = b.shape(y)[-1]
        if c > cin:
            y0 = b.concat([b.conv(y, c - cin, 3, 2), b.pool(y, "max", 2, 2)])
        else:
            y0 = b.conv(y, c, 3, 2)
        y0 = b.act(y0, "PRELU")
        y = y0
        for d in ds:
            y = _dab_module(b, y, d)
        y = b.act(b.concat([y, y0, _input_injection(b, x, i + 2)]), "PRELU")
    return _bilinear_x8(b, b.conv(y, classes, 1))


# -- held-out families XII (session 22)

__all__ += ["alexnet", "fbnet_a", "mixnet_s", "proxylessnas_mobile"]

#: ProxylessNAS-Mobile blocks (arXiv 1812.00332, Figure 4; the authors' released
#: ``proxyless_mobile`` config, its "zero" blocks left out), one block a row in the
#: :data:`MNASNET_A1` layout: (expansion, kernel, stride, output channels, 1, SE)
PROXYLESS_MOBILE = tuple((e, k, s, c, 1, False) for e, k, s, c in (
    (1, 3, 1, 16), (3, 5, 2, 32), (3, 3, 1, 32),
    (3, 7, 2, 40), (3, 3, 1, 40), (3, 5, 1, 40), (3, 5, 1, 40),
    (6, 7, 2, 80), (3, 5, 1, 80), (3, 5, 1, 80), (3, 5, 1, 80),
    (6, 5, 1, 96), (3, 5, 1, 96), (3, 5, 1, 96), (3, 5, 1, 96),
    (6, 7, 2, 192), (6, 7, 1, 192), (3, 7, 1, 192), (3, 7, 1, 192),
    (6, 7, 1, 320)))


def proxylessnas_mobile(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """ProxylessNAS-Mobile on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Cai et al., "ProxylessNAS: Direct Neural Architecture Search on Target Task and
    Hardware", arXiv 1812.00332, Figure 4 (the mobile model; block list
    :data:`PROXYLESS_MOBILE` from the authors' released config): stem 3x3/2 32
    RELU6; MB1 3x3 16 (depthwise RELU6, linear 1x1, no residual); 19 MBConv blocks
    with kernels 3 / 5 / 7 and expansions 3 / 6 (1x1 expansion RELU6, depthwise
    RELU6 with the stage's stride, linear 1x1 projection, residual ADD where the
    shape is kept); the searched "zero" blocks (two in the 32-channel stage) are
    identities and left out; head 1x1 1280 RELU6, MEAN, FC, SOFTMAX (the
    :func:`mnasnet_a1` skeleton with RELU6). Batch norm folded; no [U]. Published
    (recalled, not read): 320 M mult-adds and 4.1 M parameters; the osmr/imgclsmob
    re-implementation's test pins 4,080,512 parameters (batch norm unfolded; read);
    this graph counts 320,427,584 MACs (+0.1 %) and 4,063,264 parameters (weights
    and biases; -0.4 % of 4,080,512).
    """
    return _mnasnet(b, x, PROXYLESS_MOBILE, classes, "RELU6")


def _split_channels(c: int, groups: int) -> list[int]:
    """``c`` channels in ``groups`` near-equal parts, the remainder on the first
    (the MixNet reference ``_split_channels``)."""
    parts = [c // groups] * groups
    parts[0] += c - sum(parts)
    return parts


def _split_ch(b: NetBuilder, x: int, groups: int) -> list[int]:
    """SPLIT (equal parts) or SPLIT_V of the channels of ``x`` into ``groups``."""
    if groups == 1:
        return [x]
    parts = _split_channels(b.shape(x)[-1], groups)
    return b.split(x, groups) if len(set(parts)) == 1 else b.split_v(x, parts)


def _group_pw(b: NetBuilder, x: int, cout: int, groups: int, act: str = "NONE") -> int:
    """A grouped 1x1 conv as SPLIT, one CONV_2D a group, CONCATENATION (TFLite has no
    grouped CONV_2D that Vela maps)."""
    if groups == 1:
        return b.conv(x, cout, 1, 1, act)
    xs = _split_ch(b, x, groups)
    return b.concat([b.conv(t, c, 1, 1, act)
                     for t, c in zip(xs, _split_channels(cout, groups), strict=True)])


#: MixNet-S blocks (arXiv 1907.09595, Figure 8(a); the reference TF implementation's
#: block strings): (expansion, depthwise kernels, stride, output channels, repeats,
#: expansion groups, projection groups, SE ratio of the input channels, swish)
MIXNET_S = ((1, (3,), 1, 16, 1, 1, 1, 0.0, False),
            (6, (3,), 2, 24, 1, 2, 2, 0.0, False),
            (3, (3,), 1, 24, 1, 2, 2, 0.0, False),
            (6, (3, 5, 7), 2, 40, 1, 1, 1, 0.5, True),
            (6, (3, 5), 1, 40, 3, 2, 2, 0.5, True),
            (6, (3, 5, 7), 2, 80, 1, 1, 2, 0.25, True),
            (6, (3, 5), 1, 80, 2, 1, 2, 0.25, True),
            (6, (3, 5, 7), 1, 120, 1, 2, 2, 0.5, True),
            (3, (3, 5, 7, 9), 1, 120, 2, 2, 2, 0.5, True),
            (6, (3, 5, 7, 9, 11), 2, 200, 1, 1, 1, 0.5, True),
            (6, (3, 5, 7, 9), 1, 200, 2, 1, 2, 0.5, True))


def mixnet_s(b: NetBuilder, x: int, classes: int = 1000, blocks: tuple = MIXNET_S,
             stem: int = 16) -> int:
    """MixNet-S on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Tan and Le, "MixConv: Mixed Depthwise Convolutional Kernels", arXiv 1907.09595,
    Figure 8(a) (:data:`MIXNET_S`, the block strings of the reference TF
    implementation): stem 3x3/2 16 RELU; MBConv blocks whose depthwise conv is a
    MixConv (the channels SPLIT into near-equal groups, one depthwise conv of kernel
    3, 5, 7, 9 or 11 a group, CONCATENATION), whose 1x1 expansion / projection convs
    are grouped in some blocks (SPLIT, one CONV_2D a group, CONCATENATION), with
    squeeze-excite (MEAN, 1x1 conv of ``max(1, int(r C_in))`` channels with the
    block's activation, 1x1 conv, LOGISTIC, broadcast MUL) from the third stage on;
    RELU in the first two stages (fused), swish after them; linear projection,
    residual ADD where the shape is kept; head 1x1 1536 RELU, MEAN, FC, SOFTMAX.
    Swish is written ``x * LOGISTIC(x)`` (LOGISTIC, MUL; exact, as in
    :func:`efficientnet_b0`) [U]. Batch norm folded. Published (Table 2, recalled,
    not read; a re-implementation's README repeats them): 256 M FLOPs (multiply-adds)
    and 4.1 M parameters; this graph counts 239,173,360 MACs (-6.6 %: the block
    strings give no more; counting the second stage's grouped 1x1 convs as full
    convs would add 18.6 M, so the paper's counter may not split groups there) and
    4,118,510 parameters (weights and biases; +0.5 %). ``blocks`` and ``stem`` (the
    stem conv's channels) give the other MixNets the same machinery (MixNet-M:
    :func:`jaxeff.gnn.heldout_nets_lxxiv_b.mixnet_m`).
    """
    x = b.conv(x, stem, 3, 2, "RELU")
    for e, ks, stride, cout, n, ge, gp, se, swish in blocks:
        act = (lambda t: _swish(b, t)) if swish else (lambda t: t)
        fused = "NONE" if swish else "RELU"
        for j in range(n):
            s, cin = (stride if j == 0 else 1), b.shape(x)[-1]
            h = x if e == 1 else act(_group_pw(b, x, cin * e, ge, fused))
            parts = _split_ch(b, h, len(ks))
            h = [b.dwconv(t, k, s, fused) for t, k in zip(parts, ks, strict=True)]
            h = act(h[0] if len(h) == 1 else b.concat(h))
            if se:
                g = act(b.conv(b.mean(h, (1, 2), keep_dims=True),
                               max(1, int(cin * se)), 1, 1, fused))
                h = b.mul(h, b.act(b.conv(g, b.shape(h)[-1], 1), "LOGISTIC"))
            h = _group_pw(b, h, cout, gp)
            x = b.add(x, h) if s == 1 and cin == cout else h
    x = b.conv(x, 1536, 1, 1, "RELU")
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


#: FBNet-A blocks (arXiv 1812.03443, Figure 4 and Table 1; the block list of the
#: authors' release, ``mobile_cv`` ``fbnet_a``): (expansion, kernel, stride, output
#: channels, groups of the 1x1 convs); expansion 0 is a "skip" (identity) block
FBNET_A = ((0, 3, 1, 16, 1),
           (3, 3, 2, 24, 1), (1, 3, 1, 24, 1), (0, 3, 1, 24, 1), (0, 3, 1, 24, 1),
           (6, 5, 2, 32, 1), (3, 3, 1, 32, 1), (1, 5, 1, 32, 1), (3, 3, 1, 32, 1),
           (6, 5, 2, 64, 1), (3, 5, 1, 64, 1), (1, 5, 1, 64, 2), (6, 5, 1, 64, 1),
           (6, 3, 1, 112, 1), (1, 5, 1, 112, 2), (3, 5, 1, 112, 1), (1, 3, 1, 112, 2),
           (6, 5, 2, 184, 1), (6, 5, 1, 184, 1), (3, 5, 1, 184, 1), (6, 5, 1, 184, 1),
           (6, 5, 1, 352, 1))


def fbnet_a(b: NetBuilder, x: int, head: int = 1504, classes: int = 1000) -> int:
    """FBNet-A on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Wu et al., "FBNet: Hardware-Aware Efficient ConvNet Design via Differentiable
    Neural Architecture Search", arXiv 1812.03443, Table 1 (macro-architecture),
    Figure 3 (block) and Figure 4 (FBNet-A; :data:`FBNET_A`): stem 3x3/2 16 RELU;
    22 searched blocks, three of them "skip" (identities, left out); a block is a
    1x1 conv to ``e C_in`` RELU, a kxk depthwise conv RELU (the stage's stride), a
    linear 1x1 projection, residual ADD where the shape is kept; in the ``g2`` blocks
    both 1x1 convs are grouped (2 groups: SPLIT, two CONV_2D, CONCATENATION) and the
    first is followed by a channel shuffle (RESHAPE, TRANSPOSE, RESHAPE:
    :func:`jaxeff.gnn.spaces_shuffle.channel_shuffle`, the form Vela maps) [U]; the
    paper's block keeps the first 1x1 conv at expansion 1 (the release drops it
    there); head 1x1 ``head`` RELU, MEAN, FC, SOFTMAX, ``head`` 1504 as in the
    release's ``fbnet_a`` (Table 1's macro-architecture lists 1984, which gives
    258,680,888 MACs and 4,953,912 parameters, 15 % over the published count) [U].
    Batch norm folded. Published (Table 3, recalled, not read): 249 M FLOPs
    (multiply-adds) and 4.3 M parameters; this graph counts 249,921,848 MACs (+0.4
    %) and 4,304,472 parameters (weights and biases; +0.1 %).
    """
    from jaxeff.gnn.spaces_shuffle import channel_shuffle  # kept local: block XII

    x = b.conv(x, 16, 3, 2, "RELU")
    for e, k, s, cout, g in FBNET_A:
        if e == 0:
            continue
        cin = b.shape(x)[-1]
        h = _group_pw(b, x, cin * e, g, "RELU")
        h = b.dwconv(channel_shuffle(b, h) if g > 1 else h, k, s, "RELU")
        h = _group_pw(b, h, cout, g)
        x = b.add(x, h) if s == 1 and cin == cout else h
    x = b.conv(x, head, 1, 1, "RELU")
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


def _space_to_depth4(b: NetBuilder, x: int, r: int = 4) -> int:
    """Space-to-depth by ``r`` (4; 2 for YOLOX's Focus) of ``x [1, H, W, C]`` (H, W
    multiples of ``r``) in the form Vela maps: RESHAPE ``[H / r, r, W / r, r C]``,
    TRANSPOSE ``(0, 2, 1, 3)``, RESHAPE ``[1, H / r, W / r, r^2 C]``; a kxk/4 conv (k
    <= 12) on ``x`` is then a 3x3/1 VALID conv with zero weights where k < 12 (Vela
    5.2 keeps a stride of 4 on the CPU)."""
    _, h, w, c = b.shape(x)
    x = b.transpose(b.reshape(x, (h // r, r, w // r, r * c)), (0, 2, 1, 3))
    return b.reshape(x, (1, h // r, w // r, r * r * c))


def alexnet(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """AlexNet on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Krizhevsky, Sutskever and Hinton, "ImageNet Classification with Deep
    Convolutional Neural Networks", NeurIPS 2012, in the one-GPU form of
    Krizhevsky's "One weird trick" (arXiv 1404.5997) that torchvision's ``alexnet``
    has: PAD 2, 11x11/4 conv 64 RELU (VALID: 55x55), 3x3/2 max pool, 5x5 conv 192
    RELU, 3x3/2 max pool, 3x3 convs 384 / 256 / 256 RELU, 3x3/2 max pool (6x6x256),
    RESHAPE to 9216 (NHWC order [U]), FC 4096 RELU, FC 4096 RELU, FC ``classes``,
    SOFTMAX; no local response normalisation, dropout left out at inference,
    torchvision's adaptive 6x6 average pool is the identity at 224 and left out.
    Vela 5.2 keeps a CONV_2D of stride 4 on the CPU (stride height <= 3), so the
    11x11/4 conv is written as the 12x12/4 conv it equals with one zero row and
    column of weights: space-to-depth by 4 of the padded 228 x 228 x 3 input (RESHAPE
    ``[57, 4, 57, 12]``, TRANSPOSE ``(0, 2, 1, 3)``, RESHAPE ``[1, 57, 57, 48]``) and
    a 3x3/1 VALID conv 64 (83.6 M MACs and 27,712 parameters where the 11x11 conv has
    70.3 M and 23,296) [U]. Published (torchvision's model card, recalled, not
    read): 61.1 M parameters, 0.71 GFLOPs (multiply-adds), which the 11x11 form
    reproduces exactly (714,188,480 MACs, 61,100,840 parameters); this graph counts
    727,546,880 MACs (+1.9 %) and 61,105,256 parameters (weights and biases).
    """
    x = b.pad(x, ((0, 0), (2, 2), (2, 2), (0, 0)))  # 228 x 228 x 3 -> 57 x 57 x 48
    x = b.conv(_space_to_depth4(b, x), 64, 3, 1, "RELU", "VALID")
    x = b.pool(x, "max", 3, 2)
    x = b.pool(b.conv(x, 192, 5, 1, "RELU"), "max", 3, 2)
    for cout in (384, 256, 256):
        x = b.conv(x, cout, 3, 1, "RELU")
    x = b.pool(x, "max", 3, 2)
    x = b.reshape(x, (1, int(np.prod(b.shape(x)[1:]))))
    x = b.fc(b.fc(x, 4096, "RELU"), 4096, "RELU")
    return b.softmax(b.fc(x, classes))


# -- held-out families XIII (session 22)

__all__ += ["deeplabv3plus_mobilenet_v2", "drn_c_26", "fast_scnn", "lednet"]


def _dsconv(b: NetBuilder, x: int, c: int, s: int = 1, d: int = 1) -> int:
    """A depthwise-separable 3x3 conv: depthwise (stride ``s``, dilated by ``d``)
    RELU, 1x1 conv to ``c`` RELU (DeepLab's ``split_separable_conv2d``, Fast-SCNN's
    DSConv)."""
    return b.conv(b.dwconv(x, 3, s, "RELU", dilation=d), c, 1, 1, "RELU")


def deeplabv3plus_mobilenet_v2(b: NetBuilder, x: int, classes: int = 21,
                               separable: bool = True, decoder_convs: int = 2) -> int:
    """DeepLabv3+ with a MobileNet-v2 backbone on ``x`` (513x513 for PASCAL VOC);
    returns the per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Chen, Zhu, Papandreou, Schroff and Adam, "Encoder-Decoder with Atrous Separable
    Convolution for Semantic Image Segmentation", ECCV 2018, arXiv 1802.02611 (Figure
    2, Sections 3.1 and 4.1; batch norm folded, RELU): the MobileNet-v2 1.0 encoder
    of :func:`deeplabv3_mobilenet_v2` (:func:`_mbv2_body`, output stride 16,
    33x33x320 at 513, no 1x1 conv of 1280); ASPP: image pooling (MEAN, 1x1 conv 256
    RELU, bilinear up-sampling of the 1x1 map), a 1x1 conv 256 RELU and three 3x3
    convs of 256 at atrous rates 6, 12, 18, CONCATENATION (1280), 1x1 conv 256 RELU
    (dropout left out); decoder: bilinear x4 up-sampling of the encoder output (33 ->
    129), CONCATENATION with a 1x1 conv 48 RELU of the low-level features (the
    24-channel output of the second 24-channel bottleneck at stride 4, as the
    VainF/DeepLabV3Plus-Pytorch release taps them [U: the TF release taps the
    144-channel depthwise output of that block, as recalled]), two 3x3 convs of 256
    RELU, a 1x1 conv of ``classes`` (linear), bilinear x4 up-sampling to the input
    size. The ASPP and decoder 3x3 convs are depthwise separable (``separable``; the
    paper's atrous separable convolution and the TF release's defaults, as recalled:
    depthwise 3x3 dilated by the rate RELU, 1x1 conv 256 RELU) [U: the VainF release
    uses regular convs]; ``separable=False, decoder_convs=1`` is the
    VainF release's regular-conv head. Every RESIZE_BILINEAR with align_corners (as
    the TF release; 513 = 4 x 128 + 1, 129 = 4 x 32 + 1: Vela maps them as x4). 21 VOC
    classes. The paper publishes no MobileNet-v2 count; the VainF release's README
    gives 17.0 G FLOPs at 513 (read) for its regular-conv head with one decoder conv,
    which this graph's ``separable=False, decoder_convs=1`` form counts as
    17,121,909,568 MACs (+0.7 %; 5,208,101 parameters); the held-out (separable, two
    decoder convs) form counts 5,804,159,152 MACs at 513 and 2,700,421 parameters
    (weights and biases).
    """
    _, h, w, _ = b.shape(x)
    start = len(b.ops)
    y, _ = _mbv2_body(b, x, 1.0, output_stride=16)
    low_shape = (1, -(-h // 4), -(-w // 4), 24)
    low = [o.outputs[0] for o in b.ops[start:]
           if b.shape(o.outputs[0]) == low_shape][-1]
    _, fh, fw, _ = b.shape(y)

    def conv3(t: int, c: int, d: int = 1) -> int:
        return (_dsconv(b, t, c, d=d) if separable
                else b.conv(t, c, 3, 1, "RELU", dilation=d))

    p = b.conv(b.mean(y, (1, 2), keep_dims=True), 256, 1, 1, "RELU")
    aspp = [b.resize(p, (fh, fw), "bilinear", True), b.conv(y, 256, 1, 1, "RELU")]
    aspp += [conv3(y, 256, r) for r in (6, 12, 18)]
    y = b.conv(b.concat(aspp), 256, 1, 1, "RELU")
    y = b.resize(y, (4 * fh - 3, 4 * fw - 3), "bilinear", True)
    y = b.concat([y, b.conv(low, 48, 1, 1, "RELU")])
    for _ in range(decoder_convs):
        y = conv3(y, 256)
    return b.resize(b.conv(y, classes, 1), (h, w), "bilinear", True)


#: DRN-C-26 (arXiv 1705.09914, Figure 2 / Table 1; fyu/drn ``drn_c_26``): per level
#: (channels, basic blocks, stride, dilation, residual)
DRN_C_26 = ((16, 1, 1, 1, True), (32, 1, 2, 1, True), (64, 2, 2, 1, True),
            (128, 2, 2, 1, True), (256, 2, 1, 2, True), (512, 2, 1, 4, True),
            (512, 1, 1, 2, False), (512, 1, 1, 1, False))


def drn_c_26(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """DRN-C-26 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Yu, Koltun and Funkhouser, "Dilated Residual Networks", CVPR 2017, arXiv
    1705.09914 (Section 4 and Figure 2; the authors' release, fyu/drn ``drn.py``
    ``drn_c_26``, :data:`DRN_C_26`; batch norm folded): conv 7x7/1 16 RELU (the
    C-variant's stem, no max pool); basic blocks (3x3 conv RELU, 3x3 conv, residual
    ADD with fused RELU, a 1x1 projection where the stride or the width changes) of
    16, 32/2, 2 x 64/2, 2 x 128/2 (output stride 8: 28x28 at 224), 2 x 256 dilated
    2 and 2 x 512 dilated 4 (both convs of every block, the first included, as the
    release's ``new_level=False``); the degridding levels 7 and 8: a basic block of
    512 dilated 2 and one undilated, without residual connections (two 3x3 convs
    RELU each); the 28x28 average pool (AVERAGE_POOL_2D), the classifier as the
    release writes it, a 1x1 conv of ``classes`` (with bias); RESHAPE; SOFTMAX. The
    classifier form (1000 ImageNet classes), not the segmentation net [U]. Published
    (the release's README, read; the paper's Table 1 as recalled): 21.1 M
    parameters; no multiply-add count. This graph counts 21,119,592 parameters
    (weights and biases; +0.1 %) and 16,971,239,424 MACs at 224.
    """
    x = b.conv(x, 16, 7, 1, "RELU")
    for c, n, s, d, residual in DRN_C_26:
        for j in range(n):
            st, cin = (s if j == 0 else 1), b.shape(x)[-1]
            h = b.conv(x, c, 3, st, "RELU", dilation=d)
            if not residual:
                x = b.conv(h, c, 3, 1, "RELU", dilation=d)
                continue
            sc = x if st == 1 and cin == c else b.conv(x, c, 1, st)
            x = b.add(b.conv(h, c, 3, dilation=d), sc, "RELU")
    _, h, w, _ = b.shape(x)
    x = b.conv(b.pool(x, "avg", (h, w), 1), classes, 1)
    return b.softmax(b.reshape(x, (1, classes)))


#: LEDNet encoder (arXiv 1905.02423, Table 1; xiaoyufenfei/LEDNet ``lednet.py``):
#: ("down", output channels) downsampling units and ("ss", dilation) SS-nbt modules
LEDNET = (("down", 32),) + (("ss", 1),) * 3 + (("down", 64),) + (("ss", 1),) * 2 + (
    ("down", 128),) + tuple(("ss", d) for d in (1, 2, 5, 9, 2, 5, 9, 17))


def _ss_nbt(b: NetBuilder, x: int, d: int) -> int:
    """LEDNet's split-shuffle-non-bottleneck module: SPLIT of the channels into two
    halves; the left one 3x1 RELU, 1x3 RELU, 3x1 dilated by ``d`` RELU, 1x3 dilated
    (linear); the right one the same with 1x3 and 3x1 swapped; CONCATENATION, ADD with
    the input and fused RELU, channel shuffle (2 groups)."""
    from jaxeff.gnn.spaces_shuffle import channel_shuffle  # kept local: block XIII

    c = b.shape(x)[-1] // 2
    halves = []
    for t, (k1, k2) in zip(b.split(x, 2), (((3, 1), (1, 3)), ((1, 3), (3, 1))),
                           strict=True):
        t = b.conv(b.conv(t, c, k1, 1, "RELU"), c, k2, 1, "RELU")
        t = b.conv(t, c, k1, 1, "RELU", dilation=tuple(d if k == 3 else 1 for k in k1))
        halves.append(b.conv(t, c, k2, dilation=tuple(d if k == 3 else 1 for k in k2)))
    return channel_shuffle(b, b.add(b.concat(halves), x, "RELU"))


def _up2(b: NetBuilder, x: int) -> int:
    """Bilinear x2 up-sampling with half-pixel centres (the form Vela 5.2 maps)."""
    _, h, w, _ = b.shape(x)
    return b.resize(x, (2 * h, 2 * w), "bilinear", half_pixel_centers=True)


def lednet(b: NetBuilder, x: int, classes: int = 19) -> int:
    """LEDNet on ``x`` (``[1, 256, 512, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Wang et al., "LEDNet: A Lightweight Encoder-Decoder Network for Real-Time Semantic
    Segmentation", arXiv 1905.02423 (Table 1, Figures 2-3; the authors' release,
    xiaoyufenfei/LEDNet ``train/lednet.py``; batch norm folded): encoder
    (:data:`LEDNET`) of downsampling units (CONCATENATION of a 3x3/2 conv to ``out -
    in`` channels and a 2x2/2 max pool, RELU; the batch norm between cannot fold into
    the pool's half and is left out, the RELU standalone [U]) to 32 / 64 / 128, 3 and
    2 SS-nbt modules (:func:`_ss_nbt`: channel SPLIT, factorised 3x1 / 1x3 convs,
    CONCATENATION, residual ADD, channel shuffle as RESHAPE / TRANSPOSE / RESHAPE,
    :func:`jaxeff.gnn.spaces_shuffle.channel_shuffle`) at 1/2 and 1/4, 8 at 1/8 dilated
    1, 2, 5, 9, 2, 5, 9, 17; the attention pyramid network decoder on the 32x64x128 map:
    global branch (MEAN, 1x1 conv ``classes`` RELU, bilinear up-sampling of the 1x1
    map, align_corners), middle branch (1x1 conv ``classes`` RELU), pyramid of
    one-channel convs (7x7/2, 5x5/2, 3x3/2 and 3x3, RELU each; 7x7 and 5x5 on the
    first two levels), x2 up-sampling and ADD level by level, x2 up-sampling,
    broadcast MUL with the middle branch, ADD of the global branch; bilinear x8
    up-sampling to the input size. The release's align_corners x2 / x8 resizes have no
    NPU form ((2n - 1) / (n - 1) is no power of 2): half-pixel x2 RESIZE_BILINEARs,
    the x8 as three [U]. Dropout left out; every conv has a bias (as the release). 19
    Cityscapes classes (the release's APN has 20) and the 512 x 256 input [U: the
    paper reports 1024 x 512]. Published (recalled, not read): 0.94 M parameters
    (abstract and Table 3) and 11.5 G FLOPs at 1024 x 512; this graph counts 917,293
    parameters (weights and biases; -2.4 %), 2,802,124,480 MACs at 512 x 256 and
    11,208,490,624 at 1024 x 512 (-2.5 %, one FLOP a multiply-add).
    """
    _, h, w, _ = b.shape(x)
    for kind, v in LEDNET:
        if kind == "ss":
            x = _ss_nbt(b, x, v)
        else:
            c = b.conv(x, v - b.shape(x)[-1], 3, 2)
            x = b.act(b.concat([c, b.pool(x, "max", 2, 2)]), "RELU")
    _, fh, fw, _ = b.shape(x)
    g = b.conv(b.mean(x, (1, 2), keep_dims=True), classes, 1, 1, "RELU")
    g = b.resize(g, (fh, fw), "bilinear", True)
    mid = b.conv(x, classes, 1, 1, "RELU")
    x1 = b.conv(x, 1, 7, 2, "RELU")
    x2 = b.conv(x1, 1, 5, 2, "RELU")
    x3 = b.conv(b.conv(x2, 1, 3, 2, "RELU"), 1, 3, 1, "RELU")
    p = b.add(b.conv(x2, 1, 5, 1, "RELU"), _up2(b, x3))
    p = _up2(b, b.add(b.conv(x1, 1, 7, 1, "RELU"), _up2(b, p)))
    return _bilinear_x8(b, b.add(b.mul(p, mid), g))


def fast_scnn(b: NetBuilder, x: int, classes: int = 19) -> int:
    """Fast-SCNN on ``x`` (``[1, 512, 1024, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Poudel, Liwicki and Cipolla, "Fast-SCNN: Fast Semantic Segmentation Network",
    arXiv 1902.04502 (Tables 1-3; block details as in the Tramac/Fast-SCNN-pytorch
    re-implementation, the authors release no code; batch norm folded, RELU):
    learning to down-sample: conv 3x3/2 32 RELU, two DSConvs /2 to 48 and 64
    (:func:`_dsconv`: depthwise RELU, pointwise RELU [U: as the re-implementation]);
    global feature extractor: MobileNet-v2 bottlenecks (expansion 6, RELU, linear
    projection, residual ADD where the shape is kept) 3 x 64/2, 3 x 96/2, 3 x 128
    (1/32: 16x32 at 1024 x 512), pyramid pooling: the map and four pooled branches
    (1x1 conv 32 RELU each, bilinear up-sampling back) concatenated (256), 1x1 conv 128
    RELU; the paper's PSPNet bins 1, 2, 3, 6 (adaptive pools) have no NPU form on a
    16x32 map: the global MEAN and square 8x8 / 4x4 / 2x2 average pools (2x4, 4x8,
    8x16 maps, up-sampled by 8, 4, 2) [U]; feature fusion (Table 3, X = 4): bilinear
    x4 up-sampling of the 1/32 branch, depthwise 3x3 dilated by 4 RELU, 1x1 conv 128
    (linear); 1x1 conv 128 (linear) of the 1/8 map; ADD with fused RELU; classifier:
    two DSConvs of 128, 1x1 conv of ``classes`` (dropout left out); bilinear x8
    up-sampling to the input size. The resizes without align_corners or half-pixel
    centres (the re-implementation aligns corners, which has no NPU form here) [U];
    every conv has a bias. 19 Cityscapes classes, the 1024 x 512 input [U: the paper
    reports 2048 x 1024 and half / quarter resolutions]. Published (recalled, not
    read): 1.11 M parameters (Table 4); no multiply-add count in the paper. This graph
    counts 1,125,955 parameters (weights and biases; +1.4 %) and 1,678,053,376 MACs
    at 1024 x 512.
    """
    _, h, w, _ = b.shape(x)
    x = b.conv(x, 32, 3, 2, "RELU")
    hi = _dsconv(b, _dsconv(b, x, 48, 2), 64, 2)
    y = hi
    for c, s in ((64, 2), (96, 2), (128, 1)):
        for j in range(3):
            st, cin = (s if j == 0 else 1), b.shape(y)[-1]
            e = b.dwconv(b.conv(y, 6 * cin, 1, 1, "RELU"), 3, st, "RELU")
            e = b.conv(e, c, 1)
            y = b.add(y, e) if st == 1 and cin == c else e
    _, fh, fw, _ = b.shape(y)
    ppm = [y, b.resize(b.conv(b.mean(y, (1, 2), keep_dims=True), 32, 1, 1, "RELU"),
                       (fh, fw), "bilinear")]
    for k in (8, 4, 2):
        p = b.conv(b.pool(y, "avg", k, k), 32, 1, 1, "RELU")
        ppm.append(b.resize(p, (fh, fw), "bilinear"))
    y = b.conv(b.concat(ppm), 128, 1, 1, "RELU")
    _, lh, lw, _ = b.shape(hi)
    lo = b.dwconv(b.resize(y, (lh, lw), "bilinear"), 3, 1, "RELU", dilation=4)
    y = b.add(b.conv(hi, 128, 1), b.conv(lo, 128, 1), "RELU")
    y = b.conv(_dsconv(b, _dsconv(b, y, 128), 128), classes, 1)
    return b.resize(y, (h, w), "bilinear")


# -- held-out families XIV (session 22)

__all__ += ["efficientnet_lite2", "mobilenet_v2_035", "squeezenext23", "vgg16"]

#: VGG configuration D (arXiv 1409.1556 Table 1): conv widths, "M" = 2x2/2 max pool
VGG16 = (64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M",
         512, 512, 512, "M")


def vgg16(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """VGG-16 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Simonyan and Zisserman, "Very Deep Convolutional Networks for Large-Scale Image
    Recognition", arXiv 1409.1556, Table 1, configuration D (:data:`VGG16`): 13 3x3
    convs (stride 1, SAME, fused RELU) of 64 ... 512 channels in five stages, each
    closed by a 2x2/2 max pool (7 x 7 x 512 at 224), RESHAPE to 25088 (NHWC order
    [U]), FC 4096 RELU, FC 4096 RELU, FC ``classes``, SOFTMAX; dropout left out at
    inference; the paper has no batch norm. Published (Table 2): 138 M parameters,
    which this graph matches (138,357,544 weights and biases, torchvision's count);
    multiply-adds (torchvision's model card, recalled, not read): 15.47 G, which this
    graph matches (15,470,264,320 MACs, FC included).
    """
    for v in VGG16:
        x = b.pool(x, "max", 2, 2) if v == "M" else b.conv(x, int(v), 3, 1, "RELU")
    x = b.reshape(x, (1, int(np.prod(b.shape(x)[1:]))))
    x = b.fc(b.fc(x, 4096, "RELU"), 4096, "RELU")
    return b.softmax(b.fc(x, classes))


#: SqueezeNext-23 stages (arXiv 1803.10615; the authors' Caffe release
#: ``1.0-SqNxt-23``): (output channels, blocks); stride 2 on the first block of
#: stages 2-4
SQNXT23 = ((32, 6), (64, 6), (128, 8), (256, 1))


def _sqnxt_block(b: NetBuilder, x: int, cout: int, stride: int, first_3x1: bool) -> int:
    """A SqueezeNext block: two 1x1 squeezes, 3x1 and 1x3 convs (in the order
    ``first_3x1`` says), a 1x1 expansion, a (projected) shortcut, ADD, RELU."""
    cin = b.shape(x)[-1]
    r = 1 if stride == 2 else (4 if cin > cout else 2)
    sc = b.conv(x, cout, 1, stride, "RELU") if stride == 2 or cin != cout else x
    h = b.conv(b.conv(x, cin // r, 1, stride, "RELU"), cin // (2 * r), 1, 1, "RELU")
    for k in ((3, 1), (1, 3)) if first_3x1 else ((1, 3), (3, 1)):
        h = b.conv(h, cin // r, k, 1, "RELU")
    return b.add(sc, b.conv(h, cout, 1, 1, "RELU"), "RELU")


def squeezenext23(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """1.0-SqNxt-23 on ``x`` (227x227 for ImageNet); returns the SOFTMAX output.

    Gholami et al., "SqueezeNext: Hardware-Aware Neural Network Design", arXiv
    1803.10615, in the layout of the authors' Caffe release (``1.0-SqNxt-23``
    ``train_val.prototxt``, read; 227 x 227 crops): conv 7x7/2 64 RELU VALID (111 x
    111), 3x3/2 max pool (55 x 55); 21 blocks in stages of 6 / 6 / 8 / 1 with 32 / 64
    / 128 / 256 output channels (:data:`SQNXT23`), stride 2 on the first block of
    stages 2-4 (55 -> 28 -> 14 -> 7). A block (:func:`_sqnxt_block`): 1x1 squeeze to
    ``C_in / r`` (carrying the stride), 1x1 squeeze to ``C_in / 2r``, a 3x1 and a 1x3
    conv to ``C_in / r`` (the order alternating block by block, 3x1 first in the odd
    blocks, as in the release), 1x1 expansion to the block's output, every conv with
    fused RELU; ``r`` is 1 in the stride-2 blocks, 4 where the channels shrink (the
    first block, 64 -> 32), else 2; the shortcut a 1x1 conv RELU (with the stride)
    where the shape changes, else the identity; ADD with fused RELU. Then conv 1x1
    128 RELU, global average pool (MEAN), FC ``classes`` with a bias (the release's
    has none) [U], SOFTMAX. Batch norm folded. Published (Table 2, recalled, not
    read): 0.72 M parameters and 282 M MACs; this graph counts 712,504 parameters
    (weights and biases: the osmr/imgclsmob re-implementation pins 724,056 (read),
    which is this count plus its 2 x 5,776 unfolded batch-norm scales and shifts)
    and 277,999,808 MACs (-1.4 %; 268,976,832 at 224).
    """
    x = b.pool(b.conv(x, 64, 7, 2, "RELU", "VALID"), "max", 3, 2)
    i = 0
    for si, (c, n) in enumerate(SQNXT23):
        for j in range(n):
            x = _sqnxt_block(b, x, c, 2 if si and not j else 1, i % 2 == 0)
            i += 1
    x = b.conv(x, 128, 1, 1, "RELU")
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


def _lite_stages(width: float, depth: float) -> tuple:
    """EfficientNet-Lite stages in the :data:`MNASNET_A1` layout: the B0 stages
    (:data:`EFFNET_B0`) with widths ``c width`` (EfficientNet's rounding to multiples
    of 8) and repeats ``ceil(depth n)``, the first and last stages' repeats kept."""
    import math

    from jaxeff.gnn.spaces_families import round_filters  # kept local: block XIV

    return tuple((e, k, s, round_filters(c, width),
                  n if i in (0, len(EFFNET_B0) - 1) else math.ceil(depth * n), False)
                 for i, (e, k, s, c, n) in enumerate(EFFNET_B0))


def efficientnet_lite2(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """EfficientNet-Lite2 on ``x`` (260x260 for ImageNet); returns the SOFTMAX output.

    The TensorFlow TPU release's EfficientNet-Lite (``models/official/efficientnet/
    lite``; Tan and Le, arXiv 1905.11946): EfficientNet-B2's scaling (width 1.1,
    depth 1.2, 260 px) of the B0 stages without squeeze-excite, RELU6 for swish, the
    stem (3x3/2 32) and head (1x1 1280) not scaled and the first and last stages'
    repeats kept (:func:`_lite_stages`: 1 / 3 / 3 / 4 / 4 / 5 / 1 blocks of 16 / 24 /
    48 / 88 / 120 / 208 / 352 channels), in the :func:`_mnasnet` skeleton with RELU6
    (1x1 expansion RELU6, left out at expansion 1; kxk depthwise RELU6, stride on a
    stage's first block; linear 1x1 projection; residual ADD where the shape is
    kept; MEAN, FC, SOFTMAX). Batch norm folded; no [U]. Published (the release's
    README table, read): 6.1 M parameters and 899 M multiply-adds; this graph counts
    6,063,024 parameters (weights and biases; -0.6 %) and 859,736,272 MACs (-4.4 %:
    the same construction gives Lite0 ... Lite4 385 / 600 / 860 / 1383 / 2553 M where
    the README lists 407 / 631 / 899 / 1440 / 2640 M, 3-5 % under throughout, while
    every parameter count agrees to the README's rounding; its counter counts more
    than the conv and FC multiply-adds).
    """
    return _mnasnet(b, x, _lite_stages(1.1, 1.2), classes, "RELU6")


def mobilenet_v2_035(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """MobileNet-v2 0.35 on ``x`` (96x96); returns the SOFTMAX output.

    Sandler et al., arXiv 1801.04381, Table 2 at width multiplier 0.35, the TF-slim
    release's ``mobilenet_v2_0.35_96`` (the small MobileNet-v2 of visual-wake-words
    style detectors): :func:`mobilenet_v2` with widths rounded to multiples of 8
    (stem 16, stages 8 / 8 / 16 / 24 / 32 / 56 / 112) and the last 1x1 conv kept at
    1280 below width 1; 1000 classes (the release's classifier has 1001, a VWW
    detector 2) [U]. Batch norm folded. Published (the TF-slim MobileNet-v2 README
    table, read): 11 M MACs and 1.66 M parameters at 96; this graph counts 11,934,128
    MACs and 1,670,088 parameters (weights and biases; +0.6 %); the table truncates
    to whole millions: this graph's 11.9 / 20.2 / 30.9 / 43.9 / 59.3 M at 96 / 128 /
    160 / 192 / 224 read 11 / 20 / 30 / 43 / 59 there.
    """
    return mobilenet_v2(b, x, 0.35, classes)


# -- held-out families XV (session 22)

__all__ += ["bisenet_resnet18", "contextnet14", "fcn8s_vgg16", "pspnet_mobilenet_v2"]


def _gate(b: NetBuilder, x: int, mid: int | None = None, act: str = "NONE") -> int:
    """Channel attention: MEAN over H, W (kept 1x1), a 1x1 conv (``mid`` channels
    RELU, then a 1x1 conv back, when ``mid`` is given), LOGISTIC, broadcast MUL onto
    ``x`` with fused ``act`` (BiSeNet's attention refinement and feature fusion
    gates; ReXNet's SE, RELU6)."""
    a = b.mean(x, (1, 2), keep_dims=True)
    if mid is not None:
        a = b.conv(a, mid, 1, 1, "RELU")
    return b.mul(x, b.act(b.conv(a, b.shape(x)[-1], 1), "LOGISTIC"), act)


def _resize_steps(b: NetBuilder, x: int, size: tuple[int, int],
                  kind: str = "bilinear") -> int:
    """Up-sampling to ``size`` as a chain of x8 / x4 / x2 resizes (without
    align_corners or half-pixel centres), the factors Vela 5.2 maps; both axes must
    grow by the same power of two."""
    while b.shape(x)[1] < size[0]:
        _, h, w, _ = b.shape(x)
        f = min(8, size[0] // h)
        if f not in (2, 4, 8) or (h * f, w * f) > tuple(size) \
                or size[1] // w != size[0] // h:
            raise ValueError(f"no x2 / x4 / x8 resize chain from {(h, w)} to {size}")
        x = b.resize(x, (h * f, w * f), kind)
    return x


def bisenet_resnet18(b: NetBuilder, x: int, classes: int = 19) -> int:
    """BiSeNet (v1) with a ResNet-18 context path on ``x`` (``[1, 256, 512, 3]`` for
    the held-out model); returns the per-pixel logits ``[1, H, W, classes]``.

    Yu et al., "BiSeNet: Bilateral Segmentation Network for Real-time Semantic
    Segmentation", ECCV 2018, arXiv 1808.00897 (Figure 2, Sections 3.1-3.3; channel
    widths as in the CoinCheung/BiSeNet ``bisenetv1`` release, as recalled, its
    STDC-Seg derivative read; batch norm folded, RELU): spatial path: conv 7x7/2 64,
    3x3/2 64, 3x3/2 64 (RELU each), 1x1 conv 128 RELU (1/8); context path: the
    ResNet-18 of :func:`resnet18` (stem and basic blocks, no head), an attention
    refinement module on its 1/16 and 1/32 outputs (3x3 conv 128 RELU, then
    :func:`_gate`: MEAN, 1x1 conv, LOGISTIC, broadcast MUL), the global context (MEAN
    of the 1/32 map, 1x1 conv 128 RELU) added to the 1/32 ARM output by a broadcast
    ADD [U: the release resizes the 1x1 map to 1/32 first], nearest x2 up-sampling,
    3x3 conv 128 RELU, ADD with the 1/16 ARM output, nearest x2, 3x3 conv 128 RELU
    (1/8); feature fusion: CONCATENATION of the two paths (256), 1x1 conv 256 RELU,
    a gate (MEAN, 1x1 conv 64 RELU, 1x1 conv 256, LOGISTIC, MUL), ADD of the gated
    map onto itself; output: 3x3 conv 256 RELU, 1x1 conv ``classes``; bilinear x8
    up-sampling as three half-pixel x2 steps (:func:`_bilinear_x8`) [U: the release
    resizes once, x8 with align_corners, which Vela 5.2 does not map]. The two
    auxiliary heads (training only) left out; every conv has a bias [U: the
    release's gate and output convs have none]. 19 Cityscapes classes, the 512 x
    256 input [U: the paper trains on 1024 x 1024 crops of 2048 x 1024 and reports
    reports speed at 640 x 360 ... 2048 x 1024]. No published count is pinned: the
    paper's speed table (recalled, not read) lists 49.0 M parameters for the
    ResNet-18 model, which the layers it describes cannot reach (the ResNet-18
    without its FC has 11.2 M); this graph counts 13,236,051 parameters (weights and
    biases) and 7,396,261,888 MACs at 512 x 256 (118.3 G at 2048 x 1024).
    """
    sp = b.conv(b.conv(b.conv(x, 64, 7, 2, "RELU"), 64, 3, 2, "RELU"), 64, 3, 2, "RELU")
    sp = b.conv(sp, 128, 1, 1, "RELU")
    taps: list[int] = []
    _basic_stages(b, _resnet_stem(b, x), RESNET18_BLOCKS, taps)
    return _bisenet_head(b, sp, taps[2], taps[3], classes)


def _bisenet_head(b: NetBuilder, sp: int, f16: int, f32: int, classes: int) -> int:
    """BiSeNet's context-path head, feature fusion and output on the spatial map ``sp``
    (1/8) and the 1/16, 1/32 context maps (:func:`bisenet_resnet18`'s doc; STDC-Seg
    keeps it): global context, two attention refinement modules, nearest x2 steps
    with 3x3 convs, the fusion gate, the 3x3 / 1x1 output, bilinear x8."""
    g = b.conv(b.mean(f32, (1, 2), keep_dims=True), 128, 1, 1, "RELU")
    y = b.add(_gate(b, b.conv(f32, 128, 3, 1, "RELU")), g)
    y = b.conv(_resize_steps(b, y, b.shape(f16)[1:3], "nearest"), 128, 3, 1, "RELU")
    y = b.add(_gate(b, b.conv(f16, 128, 3, 1, "RELU")), y)
    y = b.conv(_resize_steps(b, y, b.shape(sp)[1:3], "nearest"), 128, 3, 1, "RELU")
    f = b.conv(b.concat([sp, y]), 256, 1, 1, "RELU")
    f = b.add(_gate(b, f, 64), f)
    return _bilinear_x8(b, b.conv(b.conv(f, 256, 3, 1, "RELU"), classes, 1))


#: ContextNet deep branch (arXiv 1805.04554 Table 1; osmr/imgclsmob ``contextnet``):
#: (expansion t, output channels c, repeats n, stride s of the first repeat)
CONTEXTNET_DEEP = ((1, 32, 1, 1), (6, 32, 1, 1), (6, 48, 3, 2), (6, 64, 3, 2),
                   (6, 96, 2, 1), (6, 128, 2, 1))


def contextnet14(b: NetBuilder, x: int, classes: int = 19) -> int:
    """ContextNet-14 on ``x`` (``[1, 512, 1024, 3]`` for the held-out model); returns
    the per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Poudel, Bonde, Liwicki and Zach, "ContextNet: Exploring Context and Detail for
    Semantic Segmentation in Real-time", BMVC 2018, arXiv 1805.04554 (Table 1, Figure
    2; block details as the osmr/imgclsmob ``contextnet`` re-implementation has them,
    read; batch norm folded, RELU): shallow branch at full resolution: conv 3x3/2 32
    RELU, three depthwise-separable convs (:func:`_dsconv`) 64/2, 128/2, 128 (1/8);
    deep branch on the input down-sampled by 4 ("-14"): conv 3x3/2 32 RELU and
    MobileNet-v2 bottlenecks of :data:`CONTEXTNET_DEEP` (1x1 conv to ``t`` x the
    input channels RELU, kept at ``t`` = 1 as the re-implementation has it; 3x3
    depthwise RELU; linear 1x1 projection; residual ADD where the shape is kept) to
    1/32; fusion: bilinear x4 up-sampling of the deep branch, depthwise 3x3 RELU, 1x1
    conv 128 (linear), ADD with a 1x1 conv 128 (linear) of the shallow branch and
    fused RELU; classifier: two DSConvs of 128, 1x1 conv of ``classes`` (dropout left
    out); bilinear x8 up-sampling to the input size. The / 4 down-sampling of the
    input is two 2x2/2 average pools [U: the paper resizes the image bilinearly, the
    re-implementation with align_corners]; the x4 and x8 resizes without
    align_corners (the re-implementation aligns corners, which has no NPU form here)
    [U]; the SAME-padded stride-2 stems [U: the re-implementation pads the first conv
    of each branch by 0]. 19 Cityscapes classes, the 1024 x 512 input [U: the paper
    runs 2048 x 1024]. Published (recalled, not read): 0.85 M parameters; the
    re-implementation pins 876,563 (read), which is this graph's 865,251 (weights and
    biases; +1.8 % over 0.85 M) plus its unfolded batch-norm parameters and the
    biases it keeps beside two of them; no multiply-add count in the paper. This
    graph counts 1,686,388,736 MACs at 1024 x 512 (6.75 G at 2048 x 1024).
    """
    _, h, w, _ = b.shape(x)
    hi = b.conv(x, 32, 3, 2, "RELU")
    hi = _dsconv(b, _dsconv(b, _dsconv(b, hi, 64, 2), 128, 2), 128)
    lo = b.conv(b.pool(b.pool(x, "avg", 2, 2), "avg", 2, 2), 32, 3, 2, "RELU")
    for t, c, n, s in CONTEXTNET_DEEP:
        for j in range(n):
            st, cin = (s if j == 0 else 1), b.shape(lo)[-1]
            e = b.dwconv(b.conv(lo, t * cin, 1, 1, "RELU"), 3, st, "RELU")
            e = b.conv(e, c, 1)
            lo = b.add(lo, e) if st == 1 and cin == c else e
    lo = b.dwconv(_resize_steps(b, lo, b.shape(hi)[1:3]), 3, 1, "RELU")
    y = b.add(b.conv(hi, 128, 1), b.conv(lo, 128, 1), "RELU")
    y = b.conv(_dsconv(b, _dsconv(b, y, 128), 128), classes, 1)
    return _resize_steps(b, y, (h, w))


def pspnet_mobilenet_v2(b: NetBuilder, x: int, classes: int = 21) -> int:
    """PSPNet with a dilated MobileNet-v2 backbone on ``x`` (512x512 for PASCAL VOC);
    returns the per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Zhao et al., "Pyramid Scene Parsing Network", CVPR 2017, arXiv 1612.01105 (Figure
    3, Section 3.2), in the mobile form of the common releases (the
    bubbliiiing/pspnet-pytorch ``mobilenet`` backbone, its pyramid module read;
    batch norm folded): the MobileNet-v2 1.0 stem and 17 bottlenecks
    (:func:`_mbv2_body`, RELU6, no last 1x1 conv of 1280) at output stride 8: the
    first 64- and 160-channel bottlenecks keep stride 1, the later depthwise convs
    dilated by 2 and 4 (the first of each dilated stage by 1 and 2: the releases'
    ``_nostride_dilate``; 64x64x320 at 512); the pyramid pooling module: four branches
    of an average pool to ``bin x bin`` cells, 1x1 conv to 320 / 4 = 80 channels RELU
    and bilinear up-sampling back, CONCATENATION with the map (640), 3x3 conv 80
    RELU; 1x1 conv of ``classes`` (dropout left out); bilinear x8 up-sampling to the
    input size. The paper's bins 1, 2, 3, 6 have no NPU form (3 and 6 do not divide a
    power-of-two map, and a x20 or x10 up-sampling has none): bins 1, 2, 4, 8 [U],
    the pools a shared cascade of 2x2/2 average pools (64 -> 32 -> ... -> 2; the same
    cell averages, since Vela 5.2 takes pool strides <= 3) and the global MEAN, the
    up-samplings chains of x8 / x4 / x2 resizes (:func:`_resize_steps`) without
    align_corners [U: the release aligns corners]. The auxiliary head (training only)
    left out; every conv has a bias. 21 VOC classes, the 512 x 512 input [U: the
    release's default is 473]. No published count (neither the paper nor the
    release gives one for the MobileNet-v2 form); this graph counts 2,361,237
    parameters (weights and biases) and 9,566,893,056 MACs at 512.
    """
    _, h, w, _ = b.shape(x)
    y, _ = _mbv2_body(b, x, 1.0, output_stride=8)
    _, fh, fw, c = b.shape(y)
    pooled = {1: b.mean(y, (1, 2), keep_dims=True)}
    p = y
    while b.shape(p)[1] > 2:
        p = b.pool(p, "avg", 2, 2)
        pooled[b.shape(p)[1]] = p
    branches = [y] + [
        _resize_steps(b, b.conv(pooled[k], c // 4, 1, 1, "RELU"), (fh, fw))
        for k in (1, 2, 4, 8)]
    y = b.conv(b.conv(b.concat(branches), c // 4, 3, 1, "RELU"), classes, 1)
    return _resize_steps(b, y, (h, w))


def fcn8s_vgg16(b: NetBuilder, x: int, classes: int = 21) -> int:
    """FCN-8s on VGG-16 on ``x`` (256x256 for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Long, Shelhamer and Darrell, "Fully Convolutional Networks for Semantic
    Segmentation", CVPR 2015, arXiv 1411.4038 (Sections 3-4.2, Figure 3; the
    authors' ``voc-fcn8s`` Caffe release, as recalled): the 13 convs and 5 max pools
    of VGG-16 (:data:`VGG16`, configuration D); fc6 as a 7x7 conv 4096 RELU and fc7
    as a 1x1 conv 4096 RELU (dropout left out), ``score_fr`` 1x1 conv ``classes``;
    ``upscore2``: 4x4/2 TRANSPOSE_CONV without bias, ADD of ``score_pool4`` (1x1 conv
    ``classes`` of pool4); ``upscore_pool4``: 4x4/2 TRANSPOSE_CONV without bias, ADD
    of ``score_pool3`` (1x1 conv of pool3); ``upscore8``, the fixed bilinear 16x16/8
    deconvolution, as one RESIZE_BILINEAR x8 [U: Vela maps TRANSPOSE_CONV only at
    stride 2]. SAME padding throughout, without the release's 100-pixel input pad and
    ``Crop`` layers [U]. 21 VOC classes, the 256 x 256 input [U: the paper runs whole
    VOC images of up to 500 x 500]. Published (Table 1, recalled, not read): 134 M
    parameters for FCN-VGG16; this graph counts 134,376,863 (weights and biases,
    +0.3 %; no upscore8 weights) and 27,711,009,792 MACs at 256 x 256 (the paper
    gives no multiply-add count).
    """
    _, h, w, _ = b.shape(x)
    pools = []
    for v in VGG16:
        if v == "M":
            x = b.pool(x, "max", 2, 2)
            pools.append(x)
        else:
            x = b.conv(x, int(v), 3, 1, "RELU")
    x = b.conv(b.conv(x, 4096, 7, 1, "RELU"), 4096, 1, 1, "RELU")
    return _fcn8s_decoder(b, b.conv(x, classes, 1), (pools[3], pools[2]), (h, w))


def _fcn8s_decoder(b: NetBuilder, score: int, skips: tuple[int, ...],
                   size: tuple[int, int]) -> int:
    """FCN-8s skip decoder on the class scores ``score``: per skip map (deepest
    first) a 4x4/2 TRANSPOSE_CONV without bias ADDed to a 1x1 conv of the skip to the
    classes; then up-sampling to ``size`` (:func:`_resize_steps`; FCN-8s, ShuffleSeg's
    SkipNet decoder)."""
    classes = b.shape(score)[-1]
    for skip in skips:
        score = b.add(b.transpose_conv(score, classes, 4, 2, bias=False),
                      b.conv(skip, classes, 1))
    return _resize_steps(b, score, size)


# -- held-out families XVI (session 22)

__all__ += ["darknet53", "mobilenet_v1_050_160", "resnet101", "shufflenet_v1"]

#: ResNet-101 bottleneck blocks per stage (arXiv 1512.03385 Table 1, 101-layer column)
RESNET101_BLOCKS = (3, 4, 23, 3)


def resnet101(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """ResNet-101 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    He et al., arXiv 1512.03385, Table 1 (101-layer column): the :func:`resnet50`
    stem, bottleneck blocks (1x1 RELU, 3x3 RELU, 1x1 to 4x the stage width, ADD with
    fused RELU, 1x1 projection shortcut on a stage's first block) and head with 3 /
    4 / 23 / 3 blocks (:data:`RESNET101_BLOCKS`). The stride 2 of conv3_1 / conv4_1 /
    conv5_1 sits on the 3x3 conv, as torchvision's "v1.5" and :func:`resnet50` have
    it, not on the first 1x1 conv as in the paper's Caffe release [U]. Batch norm
    folded. Published (recalled, not read): Table 1, 7.6 x 10^9 FLOPs (multiply-adds,
    stride on the 1x1); torchvision's model card, 44,549,160 parameters (batch norm
    unfolded) and 7.80 G MACs for the v1.5 layout; this graph counts 7,801,405,440
    MACs (FC included; +2.6 % of 7.6 G, torchvision's 7.80 G) and 44,496,488
    parameters (weights and biases: torchvision's count less the 2 x 52,672
    batch-norm scales and shifts of its 104 convs plus the 52,672 biases the folding
    gives them).
    """
    x = _bottleneck_stages(b, _resnet_stem(b, x), RESNET101_BLOCKS)
    return _resnet_head(b, x, classes)


def mobilenet_v1_050_160(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """MobileNet-v1 0.5 on ``x`` (160x160); returns the SOFTMAX output.

    Howard et al., arXiv 1704.04861, Table 1 at width multiplier 0.5 (Table 6) and
    resolution 160 (Table 7), the TF-slim release's ``mobilenet_v1_0.5_160``:
    :func:`mobilenet_v1` with ``alpha = 0.5`` (stem 16, pointwise widths 32 ... 512,
    RELU6, a 5x5 AVERAGE_POOL_2D, RESHAPE, FC, SOFTMAX); 1000 classes (the release's
    classifier has 1001) [U]. Batch norm folded. Published (the TF-slim MobileNet-v1
    README table, recalled, not read): 77 M MACs and 1.32 M parameters; this graph
    counts 76,524,800 MACs (-0.6 %) and 1,326,120 parameters (weights and biases;
    1,326,633 with 1001 classes).
    """
    return mobilenet_v1(b, x, 0.5, classes)


#: Darknet-53 (arXiv 1804.02767 Table 1): per stage (output channels of the 3x3/2
#: down-sampling conv, residual blocks of 1x1 to half the channels and 3x3 back)
DARKNET53 = ((64, 1), (128, 2), (256, 8), (512, 8), (1024, 4))


def _conv_leaky(b: NetBuilder, x: int, c: int, k: int, s: int = 1) -> int:
    """A Darknet convolutional layer: conv (batch norm folded), LEAKY_RELU 0.1."""
    return b.leaky_relu(b.conv(x, c, k, s), 0.1)


def darknet53(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """Darknet-53 on ``x`` (256x256 for ImageNet); returns the SOFTMAX output.

    Redmon and Farhadi, "YOLOv3: An Incremental Improvement", arXiv 1804.02767, Table
    1 (:data:`DARKNET53`): conv 3x3 32, then five stages, each a 3x3/2 conv and
    residual blocks (1x1 conv to half the channels, 3x3 conv back, linear ADD of the
    block's input: the release's ``shortcut`` with ``activation=linear``), every
    conv followed by a standalone LEAKY_RELU 0.1 as :func:`darknet19` (batch norm
    folded); global average pool (MEAN), FC ``classes`` (Table 1's "Connected"),
    SOFTMAX. The stride-2 convs use TFLite SAME padding (bottom / right only; Darknet
    pads one pixel all round; same sizes and multiply-adds) [U]. 53 = 52 convs + the
    FC. Published (recalled, not read): Table 2, 18.7 billion operations at 256
    (Darknet's FLOPs, 2 x multiply-adds); timm's ``darknet53``, 41.6 M parameters;
    this graph counts 9,285,115,904 MACs (18.57 G operations, -0.7 %) and 41,592,072
    parameters (weights and biases; plus the 17,856 extra batch-norm parameters of an
    unfolded graph: 41,609,928).
    """
    x = _conv_leaky(b, x, 32, 3)
    for c, n in DARKNET53:
        x = _conv_leaky(b, x, c, 3, 2)
        for _ in range(n):
            x = b.add(x, _conv_leaky(b, _conv_leaky(b, x, c // 2, 1), c, 3))
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


#: ShuffleNet v1 (arXiv 1707.01083 Table 1): groups -> stage 2-4 output channels
SHUFFLENET_V1 = {1: (144, 288, 576), 2: (200, 400, 800), 3: (240, 480, 960),
                 4: (272, 544, 1088), 8: (384, 768, 1536)}
#: units per stage (the first with stride 2), Table 1
SHUFFLENET_V1_REPEATS = (4, 8, 4)


def _shuffle_groups(b: NetBuilder, x: int, g: int) -> int:
    """Channel shuffle of ``x [1, H, W, C]`` with ``g`` groups (``C = g n``; out
    channel ``g i + j`` is in channel ``j n + i``) in the 4-D form Vela maps
    (:func:`jaxeff.gnn.spaces_shuffle.channel_shuffle` for ``g = 2``): RESHAPE
    ``[1, H W, g, n]``, TRANSPOSE ``[0, 1, 3, 2]``, RESHAPE back."""
    _, h, w, c = b.shape(x)
    y = b.transpose(b.reshape(x, (1, h * w, g, c // g)), (0, 1, 3, 2))
    return b.reshape(y, (1, h, w, c))


def _shuffle_v1_unit(b: NetBuilder, x: int, cout: int, g: int, stride: int,
                     first: bool) -> int:
    """A ShuffleNet unit (Figure 2 (b) / (c)): grouped 1x1 to ``cout / 4`` RELU (not
    grouped on the first unit of stage 2), shuffle, 3x3 depthwise (the stride; no
    activation), grouped 1x1; ADD with fused RELU (stride 1) or, stride 2, RELU on
    the grouped conv and CONCATENATION with a 3x3/2 AVERAGE_POOL_2D of the input
    (non-negative: the RELU after the concat of the figure acts on that branch as
    the identity)."""
    cin = b.shape(x)[-1]
    h = _group_pw(b, x, cout // 4, 1 if first else g, "RELU")
    h = b.dwconv(_shuffle_groups(b, h, g), 3, stride)
    if stride == 1:
        return b.add(x, _group_pw(b, h, cout, g), "RELU")
    pooled = b.pool(x, "avg", 3, 2, "SAME")
    return b.concat([pooled, _group_pw(b, h, cout - cin, g, "RELU")])


def shufflenet_v1(b: NetBuilder, x: int, groups: int = 3, classes: int = 1000) -> int:
    """ShuffleNet v1 1x with ``groups`` groups on ``x`` (224x224 for ImageNet); returns
    the SOFTMAX output.

    Zhang et al., "ShuffleNet: An Extremely Efficient Convolutional Neural Network for
    Mobile Devices", arXiv 1707.01083, Table 1 and Figure 2: conv 3x3/2 24 RELU, 3x3/2
    max pool (56 x 56); stages 2-4 of 4 / 8 / 4 units (:func:`_shuffle_v1_unit`; the
    first with stride 2) to :data:`SHUFFLENET_V1` channels (240 / 480 / 960 for g =
    3), bottlenecks a quarter of a unit's output; global average pool (MEAN), FC,
    SOFTMAX. Grouped 1x1 convs are SPLIT, a CONV_2D a group, CONCATENATION
    (:func:`_group_pw`), the shuffle RESHAPE / TRANSPOSE / RESHAPE
    (:func:`_shuffle_groups`) [U]; the average pool's SAME padding leaves the padded
    pixels out of the mean (PyTorch's ``AvgPool2d(3, 2, 1)`` counts them) [U]. Batch
    norm folded. Published (recalled, not read): Table 1, 137 M FLOPs (multiply-adds)
    for g = 3 (140 M is g = 2); the osmr/imgclsmob re-implementation's
    ``shufflenet_g3_w1``, 1,865,728 parameters; this graph counts 137,460,672 MACs (FC
    included; +0.3 %) and 1,853,488 parameters (weights and biases; that count less
    the 12,240 batch-norm channels' second parameter).
    """
    x = _shufflenet_v1_stages(b, x, groups)[-1]
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


def _shufflenet_v1_stages(b: NetBuilder, x: int, groups: int = 3) -> list[int]:
    """ShuffleNet v1's stem (conv 3x3/2 24 RELU, 3x3/2 max pool) and stages 2-4
    (:func:`shufflenet_v1`); returns the three stage outputs (ShuffleSeg's skips)."""
    x = b.pool(b.conv(x, 24, 3, 2, "RELU"), "max", 3, 2, "SAME")
    outs = []
    for si, (c, n) in enumerate(zip(SHUFFLENET_V1[groups], SHUFFLENET_V1_REPEATS,
                                    strict=True)):
        for j in range(n):
            x = _shuffle_v1_unit(b, x, c, groups, 1 if j else 2, si == 0 and j == 0)
        outs.append(x)
    return outs


# -- held-out families XVII (session 23, pre-registered)

__all__ += ["retinaface_mnet025", "unetpp", "vovnet27_slim", "yolov5n"]

#: VoVNet-27-slim (arXiv 1904.09730 Table 1): per stage (channels of the five 3x3
#: convs of its one OSA module, channels of the module's 1x1 output conv)
VOVNET27_SLIM = ((64, 128), (80, 256), (96, 384), (112, 512))


def _osa(b: NetBuilder, x: int, c: int, out: int, layers: int = 5) -> int:
    """One-shot aggregation: ``layers`` chained 3x3 convs of ``c`` (fused RELU), ONE
    CONCATENATION of the module input and every layer's output, a 1x1 conv to
    ``out`` (fused RELU)."""
    maps = [x]
    for _ in range(layers):
        maps.append(b.conv(maps[-1], c, 3, 1, "RELU"))
    return b.conv(b.concat(maps), out, 1, 1, "RELU")


def vovnet27_slim(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """VoVNet-27-slim on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Lee et al., "An Energy and GPU-Computation Efficient Backbone Network for
    Real-Time Object Detection", arXiv 1904.09730, Table 1 (VoVNet-27-slim column;
    batch norm folded, RELU fused into every conv): stem 3x3/2 64, 3x3 64, 3x3/2 128
    (56 x 56); four stages of one OSA module each (:func:`_osa`,
    :data:`VOVNET27_SLIM`: five 3x3 convs of 64 / 80 / 96 / 112, a CONCATENATION of
    the module input and the five outputs (448 / 528 / 736 / 944 channels), a 1x1
    conv of 128 / 256 / 384 / 512), a 3x3/2 max pool before stages 3-5 (SAME: the
    release's ``ceil_mode`` gives the same 28 / 14 / 7) [U]; global average pool
    (MEAN), FC, SOFTMAX. The classifier head is ours (Table 1 is a detection
    backbone) [U]. Published (recalled, not read; which table and whether it counts
    the classifier we cannot say): 3.5 M parameters; this graph counts 2,176,695,296
    MACs (FC included; no published count known to us) and 3,522,440 parameters
    (weights and biases, 513,000 of them the FC; +0.6 %).
    """
    x = b.conv(b.conv(x, 64, 3, 2, "RELU"), 64, 3, 1, "RELU")
    x = b.conv(x, 128, 3, 2, "RELU")
    for i, (c, out) in enumerate(VOVNET27_SLIM):
        x = _osa(b, b.pool(x, "max", 3, 2, "SAME") if i else x, c, out)
    return _resnet_head(b, x, classes)


def _nearest_x2(b: NetBuilder, x: int) -> int:
    """2x nearest-neighbour up-sampling (RESIZE_NEAREST_NEIGHBOR)."""
    _, h, w, _ = b.shape(x)
    return b.resize(x, (2 * h, 2 * w), "nearest")


def _cbs(b: NetBuilder, x: int, c: int, k: int = 1, s: int = 1) -> int:
    """A YOLOv5 ``Conv``: conv (batch norm folded), SiLU as ``x * LOGISTIC(x)``."""
    return _swish(b, b.conv(x, c, k, s))


def _dws(b: NetBuilder, x: int, c: int, s: int = 1) -> int:
    """A YOLOX ``DWConv``: 3x3 depthwise (stride ``s``) SiLU, 1x1 to ``c`` SiLU."""
    return _cbs(b, _swish(b, b.dwconv(x, 3, s)), c)


def _c3(b: NetBuilder, x: int, c: int, n: int, shortcut: bool = True,
        dw: bool = False) -> int:
    """A YOLOv5 C3 block: 1x1 to ``c / 2`` -> ``n`` bottlenecks (1x1, 3x3, ADD of the
    input when ``shortcut``), CONCATENATION with a second 1x1 to ``c / 2`` of the
    block input, 1x1 to ``c``; with ``dw`` the 3x3 is a :func:`_dws` (YOLOX's
    depthwise ``CSPLayer``)."""
    h = c // 2
    m = _cbs(b, x, h)
    for _ in range(n):
        y = _cbs(b, m, h)
        y = _dws(b, y, h) if dw else _cbs(b, y, h, 3)
        m = b.add(m, y) if shortcut else y
    return _cbs(b, b.concat([m, _cbs(b, x, h)]), c)


def _sppf(b: NetBuilder, x: int, c: int, k: int = 5,
          parallel: tuple[int, ...] = ()) -> int:
    """SPPF: 1x1 to half the input channels, three chained ``k x k``/1 SAME max
    pools, CONCATENATION of the four, 1x1 to ``c``; with ``parallel`` kernels, SPP:
    those max pools side by side on the 1x1's output (YOLOX's 5 / 9 / 13)."""
    maps = [_cbs(b, x, b.shape(x)[-1] // 2)]
    for kk in parallel or (k,) * 3:
        maps.append(b.pool(maps[0] if parallel else maps[-1], "max", kk, 1, "SAME"))
    return _cbs(b, b.concat(maps), c)


def _pan(b: NetBuilder, p3: int, p4: int, p5: int, block, down,
         lateral: bool = True) -> tuple[int, int, int]:
    """A PAN-FPN neck on the 1/8, 1/16, 1/32 maps of ``c3``, ``c4``, ``c5`` channels:
    (with ``lateral``) a 1x1 of ``p5`` to ``c4`` (h5), 2x nearest up-sampling,
    CONCATENATION with ``p4``, ``block(y, c4)``, (with ``lateral``) a 1x1 to ``c3``
    (h4), up-sampling, CONCATENATION with ``p3``, ``block(y, c3)`` (out 3); then
    ``down(out3, c3)`` (a stride-2 conv), CONCATENATION with h4, ``block(y, c4)``
    (out 4); ``down(out4, c4)``, CONCATENATION with h5, ``block(y, c5)`` (out 5).
    Without ``lateral`` h5 is ``p5`` and h4 the first block's output (YOLOv8)."""
    c3, c4, c5 = (b.shape(p)[-1] for p in (p3, p4, p5))
    h5 = _cbs(b, p5, c4) if lateral else p5
    h4 = block(b.concat([_nearest_x2(b, h5), p4]), c4)
    h4 = _cbs(b, h4, c3) if lateral else h4
    o3 = block(b.concat([_nearest_x2(b, h4), p3]), c3)
    o4 = block(b.concat([down(o3, c3), h4]), c4)
    return o3, o4, block(b.concat([down(o4, c4), h5]), c5)


def yolov5n(b: NetBuilder, x: int, anchors: int = 3, classes: int = 80,
            depth: float = 0.33, width: float = 0.25) -> tuple[int, int, int]:
    """YOLOv5n (v6.0) on ``x`` (320x320 for the held-out model); returns the three
    head outputs ``[1, H/8, W/8, n]``, ``[1, H/16, W/16, n]``, ``[1, H/32, W/32, n]``
    with ``n = anchors x (classes + 5)``.

    Ultralytics YOLOv5, release v6.0 (Jocher et al., 2021; no paper), ``yolov5n``:
    the layout at depth multiple 0.33 and width multiple 0.25 (channels ``c x 0.25``
    rounded up to a multiple of 8: 16 ... 256; C3 repeats ``max(round(0.33 n), 1)``:
    1 / 2 / 3 / 1). Every ``Conv`` is conv, batch norm folded, SiLU written ``x *
    LOGISTIC(x)`` (:func:`_cbs`). Backbone: 6x6/2 16 (SAME: the release pads 2 all
    round, same sizes) [U], then 3x3/2 convs of 32 / 64 / 128 / 256 each followed
    by a C3 (:func:`_c3`, residual bottlenecks) of 1 / 2 / 3 / 1 bottlenecks (P3 at
    1/8: 64 channels, P4 at 1/16: 128), SPPF (:func:`_sppf`, three chained 5x5/1 max
    pools). PAN neck: 1x1 128 (h5), 2x nearest up-sampling (RESIZE_NEAREST_NEIGHBOR),
    CONCATENATION ``[up, P4]``, C3 128 (no shortcut, as all neck C3s), 1x1 64 (h4),
    up-sampling, CONCATENATION ``[up, P3]``, C3 64 (out 3, 1/8); 3x3/2 64,
    CONCATENATION with h4, C3 128 (out 4, 1/16); 3x3/2 128, CONCATENATION with h5,
    C3 256 (out 5, 1/32); one 1x1 conv of ``n`` (with bias) per output. The stride-2
    3x3 convs pad bottom / right only (TFLite SAME; PyTorch pads 1 all round, same
    sizes and multiply-adds) [U]. The Detect decoding (sigmoid, grid and anchor
    arithmetic) is left out. Published (the v6.0 README, recalled, not read): 1.9 M
    parameters and 4.5 GFLOPs (= 2 x multiply-adds) at 640, i.e. 0.56 G MACs at 320;
    the fused model's summary, 1,867,405 parameters (recalled); this graph counts
    558,515,200 MACs (4.47 G FLOPs at 640, -0.7 %) and 1,867,405 parameters
    (weights and biases; the same count).
    """
    def ch(c: int) -> int:
        return -(-int(c * width) // 8) * 8

    def rep(n: int) -> int:
        return max(round(n * depth), 1)

    x = _cbs(b, x, ch(64), 6, 2)
    x = _c3(b, _cbs(b, x, ch(128), 3, 2), ch(128), rep(3))
    p3 = _c3(b, _cbs(b, x, ch(256), 3, 2), ch(256), rep(6))
    p4 = _c3(b, _cbs(b, p3, ch(512), 3, 2), ch(512), rep(9))
    x = _sppf(b, _c3(b, _cbs(b, p4, ch(1024), 3, 2), ch(1024), rep(3)), ch(1024))
    o3, o4, o5 = _pan(b, p3, p4, x, lambda y, c: _c3(b, y, c, rep(3), False),
                      lambda y, c: _cbs(b, y, c, 3, 2))
    n = anchors * (classes + 5)
    return b.conv(o3, n, 1), b.conv(o4, n, 1), b.conv(o5, n, 1)


def unetpp(b: NetBuilder, x: int, base: int = 32, levels: int = 4,
           classes: int = 1) -> int:
    """UNet++ L``levels`` on ``x`` (``[1, 128, 128, 3]`` for the held-out model);
    returns the 1x1 conv's logits ``[1, H, W, classes]`` from ``X^{0, levels}``.

    Zhou et al., "UNet++: A Nested U-Net Architecture for Medical Image
    Segmentation", arXiv 1807.10165, Figure 1 and Section 2 (L4: ``levels`` = 4;
    filters ``base x 2^i`` = 32 / 64 / 128 / 256 / 512 at depth ``i``, as the
    authors' release; SAME padding): every node ``X^{i,j}`` is two 3x3 convs with
    fused RELU (:func:`_chain`; batch norm folded); the backbone nodes ``X^{i,0}``
    take the 2x2/2 max pool of ``X^{i-1,0}``; a nested node ``X^{i,j}`` (``j > 0``)
    takes the CONCATENATION ``[X^{i,0}, ..., X^{i,j-1}, up(X^{i+1,j-1})]``, ``up`` a
    2x2/2 TRANSPOSE_CONV to the node's filters (linear, as :func:`unet`) [U]. Nodes
    are built diagonal by diagonal (a backbone node, then the nested nodes it
    enables). A 1x1 conv on ``X^{0,4}`` to ``classes`` (linear; the sigmoid and deep
    supervision left out) [U]. 15 nodes: 30 3x3 convs, 10 TRANSPOSE_CONVs, 10
    CONCATENATIONs of 2 ... 5 maps. Published (recalled, not read): Table 3, 9.04 M
    parameters for UNet++ (7.76 M for U-Net) at these filters; this graph counts
    9,042,177 parameters (weights and biases; +0.02 %) and 7,446,986,752 MACs at 128
    x 128 x 3 (the TRANSPOSE_CONVs count ``H_i W_i C_i 2 x 2 C_o``; no published
    count known to us).
    """
    filters = [base * 2 ** i for i in range(levels + 1)]
    nodes: list[list[int]] = [[] for _ in filters]  # nodes[i][j] = X^{i,j}
    for k, c in enumerate(filters):
        src = x if k == 0 else b.pool(nodes[k - 1][0], "max", 2, 2)
        nodes[k].append(_chain(b, src, ((c, 3), (c, 3))))
        for j in range(1, k + 1):
            i, f = k - j, filters[k - j]
            up = b.transpose_conv(nodes[i + 1][j - 1], f, 2, 2)
            nodes[i].append(_chain(b, b.concat(nodes[i][:j] + [up]), ((f, 3), (f, 3))))
    return b.conv(nodes[0][levels], classes, 1)


def _ssh(b: NetBuilder, x: int, c: int) -> int:
    """SSH context module: a 3x3 conv of ``c / 2``; a 3x3 of ``c / 4`` (LEAKY_RELU
    0.1) shared by a "5x5" branch (one more 3x3) and a "7x7" branch (two more 3x3,
    the first with LEAKY_RELU 0.1); CONCATENATION of the three (``c``), RELU."""
    t = _conv_leaky(b, x, c // 4, 3)
    f7 = b.conv(_conv_leaky(b, t, c // 4, 3), c // 4, 3)
    return b.act(b.concat([b.conv(x, c // 2, 3), b.conv(t, c // 4, 3), f7]), "RELU")


def retinaface_mnet025(b: NetBuilder, x: int, fpn: int = 64, anchors: int = 2
                       ) -> tuple[int, int, int]:
    """RetinaFace with a MobileNet-0.25 backbone on ``x`` (320x320 for the held-out
    model); returns the box, class and landmark outputs ``[1, N, 4]``, ``[1, N, 2]``,
    ``[1, N, 10]`` over all ``N`` anchors (4200 at 320).

    Deng et al., "RetinaFace: Single-stage Dense Face Localisation in the Wild", arXiv
    1905.00641, Section 4 (the light-weight MobileNet-0.25 model) in the widely used
    mobilenet0.25 configuration: the MobileNet-v1 body at alpha 0.25
    (:func:`_mbv1_body`: stem 8, pointwise 16 ... 256) with every conv followed by a
    standalone LEAKY_RELU 0.1 (the common release; the paper's MobileNet has RELU)
    [U]; an FPN of ``fpn`` = 64 channels on the stride 8 / 16 / 32 maps (the 6th,
    12th and 14th convs' outputs: 64 / 128 / 256 channels, 40 / 20 / 10 px at 320):
    1x1 laterals (LEAKY_RELU 0.1), the coarser merged map 2x nearest up-sampled
    (RESIZE_NEAREST_NEIGHBOR) and ADDed, a 3x3 merge conv (LEAKY_RELU 0.1) on the
    stride 16 and 8 sums; an SSH context module per level (:func:`_ssh`: 32 + 16 +
    16 channels, RELU); per level 1x1 heads (linear, with bias) for boxes (``2 x
    4``), classes (``2 x 2``) and landmarks (``2 x 10``), ``anchors`` = 2 per pixel,
    each RESHAPEd to ``[1, H W 2, n]`` and CONCATENATED over the levels
    (:func:`_ssd_heads`) [U]. Batch norm folded. The test-time SOFTMAX of the
    classes, the prior-box decoding and non-maximum suppression are left out [U].
    The paper gives no multiply-add or parameter count for this model; the common
    release's PyTorch model (recalled, not read) has 426,608 parameters with batch
    norm unfolded; this graph counts 245,286,400 MACs and 423,264 parameters
    (weights and biases: that count less one of the two parameters of each of the
    3,344 batch-normalised channels).
    """
    feats = _mbv1_body(b, x, 0.25, 0.1)
    l3, l4, l5 = (_conv_leaky(b, feats[i], fpn, 1) for i in (4, 10, 12))
    l4 = _conv_leaky(b, b.add(l4, _nearest_x2(b, l5)), fpn, 3)
    l3 = _conv_leaky(b, b.add(l3, _nearest_x2(b, l4)), fpn, 3)
    maps = [_ssh(b, f, fpn) for f in (l3, l4, l5)]
    return _ssd_heads(b, maps, (anchors,) * 3, (4, 2, 10), lambda f, c: b.conv(f, c, 1))


# -- held-out families XVIII (session 23, pre-registered)

__all__ += ["efficientnet_edgetpu_s", "nin", "se_resnet50", "spnasnet100"]


def se_resnet50(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """SE-ResNet-50 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Hu et al., "Squeeze-and-Excitation Networks", arXiv 1709.01507, Table 1 (the
    SE-ResNet-50 column) and Figure 3: the :func:`resnet50` stem, bottleneck blocks
    3 / 4 / 6 / 3 and head with a squeeze-excite block on every residual branch
    before the ADD (:func:`_bottleneck_stages` with ``se=16``): global average pool
    (MEAN, kept 1x1), FC to ``C / 16`` RELU, FC back to ``C``, LOGISTIC, broadcast MUL
    onto the branch (``C`` = 256 / 512 / 1024 / 2048: Table 1's fc [16, 256] ...
    [128, 2048]). The two FCs are 1x1 convs on the 1x1 map (:func:`_gate`) [U]; the
    stride 2 of conv3_1 / conv4_1 / conv5_1 sits on the 3x3 conv as in
    :func:`resnet50` (torchvision's "v1.5"), not on the first 1x1 conv as in the
    authors' Caffe release [U]. Batch norm folded. Published (Table 2, recalled, not
    read): 3.87 GFLOPs (multiply-adds, stride on the 1x1; ResNet-50 3.86) and 28.1 M
    parameters; this graph counts 4,091,699,200 MACs (+5.7 %, the v1.5 stride:
    :func:`resnet50`'s 4,089,184,256 plus 2,514,944 in the SE convs) and 28,061,464
    parameters (weights and biases; -0.1 %: :func:`resnet50`'s 25,530,472 plus the
    SE blocks' 2,530,992).
    """
    x = _bottleneck_stages(b, _resnet_stem(b, x), RESNET50_BLOCKS, se=16)
    return _resnet_head(b, x, classes)


#: NIN for ImageNet (the Caffe model zoo's ``nin_imagenet``): per mlpconv block, the
#: kernel of its first conv (the 11x11/4 stem: None) and the width of its convs
NIN = ((None, 96), (5, 256), (3, 384), (3, 1024))


def nin(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """Network in Network on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Lin, Chen and Yan, "Network In Network", arXiv 1312.4400 (the paper gives the
    CIFAR / SVHN / MNIST nets; the ImageNet model is the authors' Caffe model zoo
    ``nin_imagenet``): four mlpconv blocks (:data:`NIN`): conv 11x11/4 96 (VALID: 54 x
    54), 1x1 96, 1x1 96, 3x3/2 max pool (27); conv 5x5 256, 1x1 256, 1x1 256, 3x3/2
    max pool (13); conv 3x3 384, 1x1 384, 1x1 384, 3x3/2 max pool (6); conv 3x3
    1024, 1x1 1024, 1x1 ``classes``; RELU fused into every conv (the classifier conv
    too, as in the release); global average pool (MEAN), SOFTMAX. Dropout (after the
    third pool) is left out at inference. Caffe's ceil-mode first pool (54 -> 27) is
    written SAME (one padding row and column at the bottom / right, which a max
    ignores: the same values), the other two VALID (27 -> 13, 13 -> 6 in both) [U].
    As in :func:`alexnet`, Vela 5.2 keeps a stride-4 CONV_2D on the CPU, so the
    11x11/4 conv is the 12x12/4 conv it equals with one zero row and column of
    weights: space-to-depth by 4 of the 224 x 224 x 3 input (:func:`_space_to_depth4`;
    56 x 56 x 48) and a 3x3/1 VALID conv 96 (120.9 M MACs and 41,568 parameters
    where the 11x11 conv has 101.6 M and 34,944) [U]. Published (recalled, not
    read): no multiply-add count; the model zoo's float32 weights file of about 29 MB,
    some 7.6 M parameters, which the 11x11 form has (7,595,176 parameters,
    1,100,188,800 MACs); this graph counts 1,119,504,384 MACs and 7,601,800
    parameters (weights and biases).
    """
    x = b.conv(_space_to_depth4(b, x), NIN[0][1], 3, 1, "RELU", "VALID")
    for i, (k, c) in enumerate(NIN):
        if k is not None:
            x = b.conv(x, c, k, 1, "RELU")
        last = i == len(NIN) - 1
        x = b.conv(b.conv(x, c, 1, 1, "RELU"), classes if last else c, 1, 1, "RELU")
        if not last:
            x = b.pool(x, "max", 3, 2, "VALID" if i else "SAME")
    return b.softmax(b.mean(x, (1, 2), keep_dims=False))


#: SPNASNet-100 (arXiv 1904.02877, Figure 3, the found ImageNet ConvNet), in the
#: :data:`MNASNET_A1` layout: (expansion, kernel, stride, output channels, repeats, SE)
SPNASNET_100 = ((1, 3, 1, 16, 1, False), (3, 3, 2, 24, 3, False),
                (6, 5, 2, 40, 1, False), (3, 3, 1, 40, 3, False),
                (6, 5, 2, 80, 1, False), (3, 3, 1, 80, 3, False),
                (6, 5, 1, 96, 1, False), (3, 5, 1, 96, 3, False),
                (6, 5, 2, 192, 4, False), (6, 3, 1, 320, 1, False))


def spnasnet100(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """SPNASNet-100 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Stamoulis et al., "Single-Path NAS: Designing Hardware-Efficient ConvNets in
    less than 4 Hours", arXiv 1904.02877, the found ImageNet ConvNet at width 1.0
    (the architecture figure; :data:`SPNASNET_100`) in the :func:`_mnasnet` skeleton
    with RELU: stem 3x3/2 32; MBConv1 3x3 16 (depthwise, linear 1x1, no residual);
    MBConv3 3x3 x3 (24, /2); MBConv6 5x5 (40, /2) and MBConv3 3x3 x3; MBConv6 5x5
    (80, /2) and MBConv3 3x3 x3; MBConv6 5x5 (96) and MBConv3 5x5 x3; MBConv6 5x5 x4
    (192, /2); MBConv6 3x3 (320) (1x1 expansion RELU, kxk depthwise RELU with the
    stride, linear 1x1 projection, residual ADD where the shape is kept; the layers
    the search set to "skip" are left out); head 1x1 1280 RELU, MEAN, FC, SOFTMAX.
    The per-layer choices (kernel, expansion, which of a stage's four layers are
    skipped) are recalled, not read from the figure [U]. Batch norm folded.
    Published (recalled, not read): no multiply-add count used; timm's
    ``spnasnet_100``, 4.42 M parameters (batch norm unfolded); this graph counts
    333,467,072 MACs and 4,401,864 parameters (weights and biases; plus one more
    parameter for each of its 19,752 batch-normalised channels: 4,421,616).
    """
    return _mnasnet(b, x, SPNASNET_100, classes)


#: EfficientNet-EdgeTPU-S stages, in the :data:`MNASNET_A1` layout (expansion, kernel,
#: stride, output channels, repeats, SE); the first three are fused MBConv; the first
#: block's expansion 3 gives the release's 96 channels (4 x a nominal 24) [U]
EDGETPU_S = ((3, 3, 1, 24, 1, False), (8, 3, 2, 32, 2, False), (8, 3, 2, 48, 4, False),
             (8, 5, 2, 96, 5, False), (8, 5, 1, 144, 4, False), (8, 5, 2, 192, 2, False))


def efficientnet_edgetpu_s(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """EfficientNet-EdgeTPU-S on ``x`` (224x224 for ImageNet); returns the SOFTMAX
    output.

    Gupta and Tan, "EfficientNet-EdgeTPU: Creating Accelerator-Optimized Neural
    Networks with AutoML" (Google AI blog, 2019) and the TensorFlow TPU release's
    ``efficientnet/edgetpu`` builder (block list :data:`EDGETPU_S` recalled, not
    read [U]): stem 3x3/2 32 RELU; three stages of fused MBConv (a 3x3 expansion
    conv carrying the stride, RELU, in place of the 1x1 expansion and the depthwise
    conv; linear 1x1 projection; residual ADD where the shape is kept): 1 block to
    24 channels through a 96-channel expansion (the release's expansion 4 of a
    nominal 24-channel input, not of the stem's 32 [U]), 2 blocks x8 to 32 (/2), 4
    blocks x8 to 48 (/2); then MBConv (1x1 expansion RELU, 5x5 depthwise RELU,
    linear 1x1): 5 blocks x8 to 96 (/2), 4 x8 to 144, 2 x8 to 192 (/2); head 1x1
    1280 RELU, MEAN, FC, SOFTMAX (the :func:`_mnasnet` skeleton with ``fused=3``).
    No squeeze-excite, RELU for swish (the EdgeTPU release's choices). Batch norm
    folded. Published (recalled, not read): timm's ``efficientnet_es``, 5.44 M
    parameters (batch norm unfolded) and 1.81 G MACs; this graph counts 1,788,731,008
    MACs (-1.2 %) and 5,412,672 parameters (weights and biases; plus one more
    parameter for each of its 25,720 batch-normalised channels: 5,438,392).
    """
    return _mnasnet(b, x, EDGETPU_S, classes, fused=3)


# -- held-out families XIX (session 23, addendum 3, pre-registered)

__all__ += ["efficientnetv2_b0", "mobileone_s0", "yolov8n", "yolox_nano"]


def _c2f(b: NetBuilder, x: int, c: int, n: int, shortcut: bool = True) -> int:
    """A YOLOv8 C2f block: 1x1 to ``c``, SPLIT in two halves, ``n`` bottlenecks
    (two 3x3 convs of ``c / 2``, ADD of the input when ``shortcut``) each on the last
    map, CONCATENATION of the two halves and every bottleneck's output, 1x1 to
    ``c``."""
    maps = b.split(_cbs(b, x, c), 2)
    for _ in range(n):
        y = _cbs(b, _cbs(b, maps[-1], c // 2, 3), c // 2, 3)
        maps.append(b.add(maps[-1], y) if shortcut else y)
    return _cbs(b, b.concat(maps), c)


def _decoupled(b: NetBuilder, x: int, tower, branches) -> int:
    """A decoupled detection head on ``x``: per ``(width, outputs)`` of ``branches``
    a tower of two ``tower(y, width)`` convs and a linear 1x1 conv (with bias) per
    output width; CONCATENATION of all the 1x1 outputs."""
    outs = []
    for width, preds in branches:
        t = tower(tower(x, width), width)
        outs += [b.conv(t, n, 1) for n in preds]
    return b.concat(outs)


def yolov8n(b: NetBuilder, x: int, classes: int = 80, reg_max: int = 16
            ) -> tuple[int, int, int]:
    """YOLOv8n on ``x`` (320x320 for the held-out model); returns the three head
    outputs ``[1, H/8, W/8, n]``, ``[1, H/16, W/16, n]``, ``[1, H/32, W/32, n]`` with
    ``n = 4 reg_max + classes`` (144).

    Ultralytics YOLOv8 (Jocher, Chaurasia and Qiu, 2023; no paper), ``yolov8n``:
    depth 0.33, width 0.25, max channels 1024 (channels 16 ... 256; C2f repeats
    ``max(round(0.33 n), 1)``: 1 / 2 / 2 / 1, neck 1). Every ``Conv`` is conv, batch
    norm folded, SiLU as ``x * LOGISTIC(x)`` (:func:`_cbs`). Backbone: 3x3/2 16,
    3x3/2 32, C2f 32 (:func:`_c2f`, residual bottlenecks of two 3x3 convs; the halves
    split by SPLIT), 3x3/2 64, C2f 64 x2 (P3), 3x3/2 128, C2f 128 x2 (P4), 3x3/2
    256, C2f 256, SPPF 256 (:func:`_sppf`). PAN-FPN neck without lateral convs
    (:func:`_pan`): 2x nearest up-sampling, CONCATENATION with P4, C2f 128 (no
    shortcut, as all neck C2fs); up-sampling, CONCATENATION with P3, C2f 64 (out 3);
    3x3/2 64, CONCATENATION, C2f 128 (out 4); 3x3/2 128, CONCATENATION with the
    SPPF output, C2f 256 (out 5). Decoupled Detect head per level
    (:func:`_decoupled`): box branch of two 3x3 convs of ``max(16, 64 / 4, 4
    reg_max)`` = 64 and a 1x1 to ``4 reg_max`` = 64; class branch of two 3x3 convs of
    ``max(64, min(classes, 100))`` = 80 and a 1x1 to ``classes``; their
    CONCATENATION. The DFL (softmax over 16 bins and its fixed 1x1 conv), the
    class sigmoid and the box decoding are left out [U]; the stride-2 convs pad
    bottom / right (TFLite SAME; PyTorch pads 1 all round: same sizes and
    multiply-adds) [U]. Published (the Ultralytics README and model summary,
    recalled, not read): 3.2 M parameters, 8.7 GFLOPs (= 2 x multiply-adds) at 640
    for the fused model, i.e. 1.09 G MACs at 320; the fused summary's 3,151,904
    parameters (DFL's 16 fixed weights included); this graph counts 1,092,864,000
    MACs (8.74 GFLOPs at 640, +0.5 %) and 3,151,888 parameters (weights and biases:
    that count less DFL's 16).
    """
    x = _cbs(b, _cbs(b, x, 16, 3, 2), 32, 3, 2)
    x = _c2f(b, x, 32, 1)
    p3 = _c2f(b, _cbs(b, x, 64, 3, 2), 64, 2)
    p4 = _c2f(b, _cbs(b, p3, 128, 3, 2), 128, 2)
    x = _sppf(b, _c2f(b, _cbs(b, p4, 256, 3, 2), 256, 1), 256)
    outs = _pan(b, p3, p4, x, lambda y, c: _c2f(b, y, c, 1, False),
                lambda y, c: _cbs(b, y, c, 3, 2), lateral=False)
    box, cls = max(16, 64 // 4, 4 * reg_max), max(64, min(classes, 100))
    branches = ((box, (4 * reg_max,)), (cls, (classes,)))
    return tuple(_decoupled(b, o, lambda y, c: _cbs(b, y, c, 3), branches)
                 for o in outs)


def yolox_nano(b: NetBuilder, x: int, classes: int = 80) -> tuple[int, int, int]:
    """YOLOX-Nano on ``x`` (416x416 for the held-out model); returns the three head
    outputs ``[1, H/8, W/8, 85]``, ``[1, H/16, W/16, 85]``, ``[1, H/32, W/32, 85]``
    (box 4, objectness 1, ``classes`` 80).

    Ge et al., "YOLOX: Exceeding YOLO Series in 2021", arXiv 2107.08430 (Section 2.2
    and Table 4; the Nano layout of the authors' release: depth 0.33, width 0.25,
    depthwise convs, SiLU as ``x * LOGISTIC(x)`` after every conv but the head's
    1x1 predictions, batch norm folded). CSPDarknet: Focus (space-to-depth by 2,
    written as the NPU form of :func:`_space_to_depth4`: RESHAPE, TRANSPOSE, RESHAPE
    to 208 x 208 x 12; the channel order differs from the release's slicing, which
    only permutes the conv's input weights [U]; then a 3x3 conv 16, a regular conv
    as in the release); per stage a ``DWConv`` down-sampling (:func:`_dws`: 3x3/2
    depthwise, 1x1; 32 / 64 / 128 / 256) and a CSP layer (:func:`_c3` with ``dw``:
    1x1 halves, bottlenecks of a 1x1 and a ``DWConv``) of 1 / 3 / 3 bottlenecks; the
    last stage SPP (:func:`_sppf` with 5 / 9 / 13 parallel max pools) before a CSP
    layer of 1 bottleneck without shortcut. PAFPN (:func:`_pan`, lateral 1x1 convs,
    CSP layers of 1 bottleneck without shortcut, ``DWConv`` 3x3/2 down-sampling).
    Decoupled head per level: a 1x1 stem of 64, a regression tower (two ``DWConv``
    of 64) into 1x1 box (4) and objectness (1) predictions, a classification tower
    into a 1x1 of ``classes``, their CONCATENATION ``[box, obj, cls]``
    (:func:`_decoupled`). The inference sigmoids of objectness and classes and the
    grid decoding are left out [U]; stride-2 convs pad bottom / right (TFLite SAME)
    [U]. Published (Table 4 / the release README, recalled, not read): 0.91 M
    parameters, 1.08 GFLOPs at 416 (= 2 x multiply-adds: 0.54 G MACs); this graph
    counts 522,553,408 MACs (1.05 GFLOPs, -3.2 %) and 904,463 parameters (weights and
    biases; -0.6 %).
    """
    x = _cbs(b, _space_to_depth4(b, x, 2), 16, 3)
    x = _c3(b, _dws(b, x, 32, 2), 32, 1, dw=True)
    p3 = _c3(b, _dws(b, x, 64, 2), 64, 3, dw=True)
    p4 = _c3(b, _dws(b, p3, 128, 2), 128, 3, dw=True)
    x = _sppf(b, _dws(b, p4, 256, 2), 256, parallel=(5, 9, 13))
    x = _c3(b, x, 256, 1, False, True)
    outs = _pan(b, p3, p4, x, lambda y, c: _c3(b, y, c, 1, False, True),
                lambda y, c: _dws(b, y, c, 2))
    branches = ((64, (4, 1)), (64, (classes,)))
    return tuple(_decoupled(b, _cbs(b, o, 64), lambda y, c: _dws(b, y, c), branches)
                 for o in outs)


#: EfficientNetV2-B0 stages (arXiv 2104.00298, the official release's ``v2-base``
#: block strings at width and depth 1.0), in the :data:`MNASNET_A1` layout
#: (expansion, kernel, stride, output channels, repeats, SE); the first three are
#: fused MBConv [U]
EFFNETV2_B0 = ((1, 3, 1, 16, 1, False), (4, 3, 2, 32, 2, False),
               (4, 3, 2, 48, 2, False), (4, 3, 2, 96, 3, True),
               (6, 3, 1, 112, 5, True), (6, 3, 2, 192, 8, True))


def efficientnetv2_b0(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """EfficientNetV2-B0 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Tan and Le, "EfficientNetV2: Smaller Models and Faster Training", arXiv
    2104.00298 (Table 4 gives the S layout; B0 is the baseline of the official
    release, :data:`EFFNETV2_B0`, recalled, not read [U]): stem 3x3/2 32; fused
    MBConv (Figure 2: a 3x3 expansion conv carrying the stride, no depthwise conv,
    no squeeze-excite): 1 block straight to 16 (a 3x3 conv with SiLU, no projection,
    as the release has it for expansion 1), 2 x4 to 32 (/2), 2 x4 to 48 (/2); MBConv
    with squeeze-excite (``int(0.25 C_in)`` channels of the block's input): 3 x4 to
    96 (/2), 5 x6 to 112, 8 x6 to 192 (/2), all 3x3 depthwise; residual ADD where
    the shape is kept; head 1x1 1280, MEAN, FC, SOFTMAX (:func:`_swish_net` with
    ``fused=3``). SiLU everywhere as ``x * LOGISTIC(x)``; batch norm folded, dropout
    and stochastic depth off at inference. Published (the release's table,
    recalled, not read): 7.1 M parameters and 0.72 GFLOPs (multiply-adds) at 224;
    timm's ``tf_efficientnetv2_b0``, 7,139,704 parameters (batch norm unfolded);
    this graph counts 718,086,176 MACs (-0.3 %) and 7,109,400 parameters (weights
    and biases; plus one more parameter for each of its 30,304 batch-normalised
    channels: 7,139,704, the same count).
    """
    return _swish_net(b, x, EFFNETV2_B0, classes, fused=3)


#: MobileOne-S0 (arXiv 2206.04861, Table 7 with the S0 width multipliers 0.75 / 1 /
#: 1 / 2), inference form, in the :data:`MOBILENET_V1` layout: (stride of the 3x3
#: depthwise conv, output channels of the 1x1 conv); stages of 2 / 8 / 10 / 1 blocks
MOBILEONE_S0 = (((2, 48), (1, 48)) + ((2, 128),) + ((1, 128),) * 7 + ((2, 256),)
                + ((1, 256),) * 9 + ((2, 1024),))


def mobileone_s0(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """MobileOne-S0 on ``x`` (224x224 for ImageNet) in its inference form; returns the
    SOFTMAX output.

    Vasu et al., "MobileOne: An Improved One millisecond Mobile Backbone", arXiv
    2206.04861, Table 7 and Section 3: at inference every MobileOne block is
    re-parameterised into one conv with bias (its over-parameterised branches,
    batch norms and identity folded), so S0 is a plain MobileNet-v1-like stack with
    RELU (:func:`_mbv1_body` with :data:`MOBILEONE_S0`): 3x3/2 conv ``min(64, 64
    x 0.75)`` = 48; stages of 2 / 8 / 10 / 1 blocks (a 3x3 depthwise conv, stride 2
    on a stage's first block, and a 1x1 conv) of 48 / 128 / 256 / 1024 channels
    (64 x 0.75, 128, 256, 512 x 2; Table 7's stages 4 and 5 of 5 blocks each are
    one stage of 10 here); global average pool (MEAN), FC, SOFTMAX. No
    squeeze-excite (S0 has none). The per-stage widths and block counts are
    recalled [U]; the brief's width list named a 384-channel stage, which no S0
    stage has in this recollection. Published (Table 8, recalled, not read): 2.1 M
    parameters, 275 M FLOPs (multiply-adds); this graph counts 275,110,400 MACs
    (+0.04 %) and 2,078,504 parameters (weights and biases; -1.0 %).
    """
    x = _mbv1_body(b, x, blocks=MOBILEONE_S0, stem=48, act_fn="RELU")[-1]
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))
