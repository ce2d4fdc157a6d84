"""Held-out real int8 models for PerfSAGE: ``python -m experiments.perfsage_heldout``.

PerfSAGE (Chai et al., arXiv 2301.10999) claims predictions for arbitrary graphs;
issue 22 item 4 asks for a test set of real models beyond the 15 shared ones (which
are validation only). This script builds full-int8 TFLite files of published
architectures with the project's own export paths (batch 1, LiteRT-calibrated ranges
on N(0, 1) inputs, weights seeded, not trained: Vela's cycle and SRAM estimates depend
on shapes and, through weight compression, only weakly on values):

* MicroNets KWS-S / M / L and AD-S / M (Banbury et al., arXiv 2010.11267, Table 5;
  :mod:`jaxeff.nets.micronets_export`) and the DS-CNN S / M / L baselines;
* CIFAR ResNet-20 (He et al., arXiv 1512.03385; :func:`jaxeff.nets.sesr_npu.resnet20_graph`);
* RAN-e GT / C and EfficientNet-Lite0 (RANs, arXiv 2203.04977 / Tan & Le,
  arXiv 1905.11946; :func:`jaxeff.nets.ran_vela.network_graph`);
* collapsed SESR M3 / M5 / M11 / XL x2 and FSRCNN x2 on 64 x 64 tiles with the NPU
  depth-to-space as TRANSPOSE_CONV (Bhardwaj et al., arXiv 2103.09404;
  :mod:`jaxeff.nets.sesr_npu`), and EDSR-baseline x2 (arXiv 1707.02921);
* session 17, models larger than their training space allows: ShuffleNet-v2 0.5x /
  1.0x at 224 x 224, full depth (Ma et al., arXiv 1807.11164; the ``shuffle`` space's
  :func:`jaxeff.gnn.spaces_shuffle.shufflenet_v2`, 261 graph nodes where the space
  stops at 200), and keyword spotters with unrolled GRUs over all 49 frames (Cho et
  al., arXiv 1406.1078; the ``recurrent`` space trains on at most 10 steps): a GRU
  classifier and a CRNN in the style of "Hello Edge" (Zhang et al., arXiv 1711.07128;
  layer sizes ours [U]), built with :class:`jaxeff.gnn.build.NetBuilder`; and
  SqueezeNet 1.1, GoogLeNet and MobileNet-v3 Small / Large
  (:mod:`jaxeff.gnn.heldout_nets`; MobileNet-v3 partly overlaps ``mbconv``);
* session 18, pre-registered before they existed: DenseNet-121 at 224 (arXiv
  1608.06993), VGG-11 on CIFAR-10 (arXiv 1409.1556) and Tiny-YOLOv2 VOC at 416 (arXiv
  1612.08242); since session 19 the ``plain`` space draws their families;
* session 19, pre-registered before they existed: ResNet-18 and ResNet-50 at 224 (arXiv
  1512.03385; stride on the 3x3 as in torchvision) and EfficientNet-B0 at 224 with
  squeeze-excite and swish (arXiv 1905.11946);
* session 19, held-out families IV, pre-registered before they existed: MobileNet-v1
  1.0 at 224 (arXiv 1704.04861), Tiny-YOLOv3 COCO at 416 with its two heads (arXiv
  1804.02767), Inception-v3 at 299 (arXiv 1512.00567) and PilotNet on 66 x 200 (arXiv
  1604.07316);
* session 19, held-out families V, pre-registered before they existed: GhostNet 1.0
  at 224 (arXiv 1911.11907), MnasNet-A1 at 224 (arXiv 1807.11626) and Xception at 299
  (arXiv 1610.02357);
* session 20, held-out families VI, pre-registered before they existed: ResNet-34 at
  224 (arXiv 1512.03385), MobileNet-v2 1.4 at 224 (arXiv 1801.04381), SqueezeNet 1.0 at
  224 (arXiv 1602.07360) and Darknet-19 at 224 (arXiv 1612.08242);
* session 20, held-out families VII, pre-registered before they existed: PeleeNet at
  224 (arXiv 1804.06882), BN-Inception at 224 (arXiv 1502.03167), DenseNet-169 at 224
  (arXiv 1608.06993) and a U-Net on 128 x 128 x 1 with SAME padding (arXiv 1505.04597);
* session 20, held-out families VIII, pre-registered before they existed: HarDNet-68 at
  224 (arXiv 1909.00948), YOLOv4-tiny COCO at 416 with its two heads (arXiv
  2004.10934), Inception-v4 at 299 (arXiv 1602.07261) and GhostNet 1.3 at 224 (arXiv
  1911.11907; a width variant of the GhostNet 1.0 test model);
* session 21, held-out families IX, pre-registered before they existed: DeepLabv3 with a
  MobileNet-v2 backbone at 513 x 513 (arXiv 1706.05587 / 1801.04381), ERFNet at 512 x
  256 (Romera et al., IEEE T-ITS 2018), SSDLite-MobileNet-v2 COCO at 320 with its box
  and class outputs (arXiv 1801.04381) and MobileFaceNet at 112 (arXiv 1804.07573);
* session 21, held-out families X, pre-registered before they existed: MnasNet-B1 at 224
  (arXiv 1807.11626 v1), LinkNet at 512 x 256 (arXiv 1707.03718), WRN-16-4 on CIFAR-10
  (arXiv 1605.07146) and SSD 300 on MobileNet-v1 with its box and class outputs (arXiv
  1704.04861);
* session 22, held-out families XI, pre-registered before they existed: ESPNet (arXiv
  1803.06815), CGNet_M3N21 (arXiv 1811.08201), EDANet (arXiv 1809.06323) and DABNet
  (arXiv 1907.11357), each at 512 x 256 with 19 Cityscapes classes.
* session 22, held-out families XII: ProxylessNAS-Mobile at 224 (arXiv 1812.00332),
  MixNet-S at 224 (arXiv 1907.09595), FBNet-A at 224 (arXiv 1812.03443) and AlexNet at
  224 (NeurIPS 2012, torchvision's one-GPU layout).
* session 22, held-out families XIII: DeepLabv3+ on MobileNet-v2 at 513 x 513 (arXiv
  1802.02611), DRN-C-26 at 224 (arXiv 1705.09914), LEDNet at 512 x 256 (arXiv
  1905.02423) and Fast-SCNN at 1024 x 512 (arXiv 1902.04502).
* session 22, held-out families XIV: VGG-16 at 224 (arXiv 1409.1556), SqueezeNext-23
  1.0x at 227 (arXiv 1803.10615), EfficientNet-Lite2 at 260 (the TF EfficientNet-Lite
  release) and MobileNet-v2 0.35 at 96 (arXiv 1801.04381).
* session 22, held-out families XV: BiSeNet (v1) on ResNet-18 at 512 x 256 (arXiv
  1808.00897), ContextNet-14 at 1024 x 512 (arXiv 1805.04554), PSPNet on a dilated
  MobileNet-v2 at 512 x 512 (arXiv 1612.01105) and FCN-8s on VGG-16 at 256 x 256
  (arXiv 1411.4038).
* session 22, held-out families XVI: ResNet-101 at 224 (arXiv 1512.03385), MobileNet-v1
  0.5 at 160 (arXiv 1704.04861), Darknet-53 at 256 (arXiv 1804.02767) and ShuffleNet-v1
  1x, g = 3, at 224 (arXiv 1707.01083).
* session 23, held-out families XVII, pre-registered before they existed (many
  operators writing into one CONCATENATION): VoVNet-27-slim at 224 (arXiv 1904.09730),
  YOLOv5n (Ultralytics v6.0) at 320 with its three heads, UNet++ L4 on 128 x 128 x 3
  (arXiv 1807.10165) and RetinaFace-MobileNet-0.25 at 320 with its box, class and
  landmark outputs (arXiv 1905.00641).
* session 23, held-out families XVIII, pre-registered before they existed: SE-ResNet-50
  at 224 (arXiv 1709.01507), Network-in-Network at 224 (arXiv 1312.4400, the Caffe
  model zoo's ImageNet model), SPNASNet-100 at 224 (arXiv 1904.02877) and
  EfficientNet-EdgeTPU-S at 224 (the TF EfficientNet-EdgeTPU release).
* session 23, held-out families XIX, pre-registered before they existed (addendum 3;
  SiLU written x * LOGISTIC(x)): YOLOv8n at 320 with its three heads (Ultralytics
  2023), YOLOX-Nano at 416 with its three heads (arXiv 2107.08430),
  EfficientNetV2-B0 at 224 (arXiv 2104.00298) and MobileOne-S0 at 224 in its
  inference form (arXiv 2206.04861; a control without SiLU).
* session 24, held-out families XX, pre-registered before they existed (CONCATENATIONs
  of shared maps, standalone LEAKY_RELU; :mod:`jaxeff.gnn.heldout_nets_xx`):
  YOLOv7-tiny at 416 with its three heads (arXiv 2207.02696), NanoDet-m at 320 with
  its three level outputs (github RangiLyu/nanodet), DLA-34 at 224 (arXiv 1707.06484)
  and PP-PicoDet-S at 320 with its four level outputs (arXiv 2111.00902).
* session 24, held-out families XXI, pre-registered before they existed: PP-LCNet 1.0
  (arXiv 2109.15099), MobileNetV4-Conv-S (arXiv 2404.10518), GhostNetV2 1.0 with DFC
  attention (arXiv 2211.12905) and HRNet-W18-Small-v1 classification (arXiv
  1908.07919), all at 224 (:mod:`jaxeff.gnn.heldout_nets_xxi`).
* session 25, held-out families XXII, pre-registered before they existed (channel
  shuffles and other TRANSPOSEs; :mod:`jaxeff.gnn.heldout_nets_xxii`): ThunderNet's
  SNet-146 with its context enhancement module at 320 (arXiv 1903.11752),
  Lite-HRNet-18 at 256 x 192 with 17 pose heatmaps (arXiv 2104.06403), IGCV3-D 1.0 at
  224 (arXiv 1806.00178) and ShuffleSeg at 512 x 256 (arXiv 1803.03816).
* session 25, held-out families XXIII, pre-registered before they existed: RepVGG-A0
  deployed (arXiv 2101.03697), MobileNeXt 1.0 (arXiv 2007.02269), RepGhostNet 1.0
  deployed (arXiv 2211.06088) and ReXNet 1.0 (arXiv 2007.00992), all at 224
  (:mod:`jaxeff.gnn.heldout_nets_xxiii`).
* session 25, held-out families XXIV (first half), pre-registered before they
  existed: Res2Net-50 26w4s (arXiv 1904.01169), RegNetX-200MF (arXiv 2003.13678) and
  ESPNetV2 1.0 (arXiv 1811.11431) at 224, and the BlazeFace front model at 128 with
  its box and score outputs (arXiv 1907.05047) (:mod:`jaxeff.gnn.heldout_nets_xxiv`).
* session 25, held-out families XXIV (second half), pre-registered before they existed:
  CenterNet-ResNet-18 at 512 (arXiv 1904.07850), DDRNet-23-slim at 1024 x 512 (arXiv
  2101.06085), LR-ASPP MobileNetV3-Large at 512 (arXiv 1905.02244) and
  EfficientDet-D0 at 512 (arXiv 1911.09070) (:mod:`jaxeff.gnn.heldout_nets_xxiv_b`).
* session 26, held-out families XXV (first half), pre-registered before they existed:
  ResNeXt-50 32x4d (arXiv 1611.05431), NASNet-A Mobile (arXiv 1707.07012) and DPN-68
  (arXiv 1707.01629) at 224, and PFLD 0.25X at 112 with 98 landmarks (arXiv
  1902.10859) (:mod:`jaxeff.gnn.heldout_nets_xxv`).
* session 26, held-out families XXV (second half), pre-registered before they existed:
  BiSeNet V2 (arXiv 2004.02147) and STDC1-Seg (arXiv 2104.13188) at 1024 x 512,
  U2-NetP at 320 (arXiv 2005.09007) and CARN-M x2 on 64 x 64 tiles (arXiv 1803.08664)
  (:mod:`jaxeff.gnn.heldout_nets_xxv_b`).
* session 26, held-out families XXVI (part a), pre-registered before they existed:
  Inception-ResNet-v2 at 299 (arXiv 1602.07261), SelecSLS-42B (arXiv 1907.00837),
  VoVNet-39 (arXiv 1904.09730) and HarDNet-39DS (arXiv 1909.00948) at 224
  (:mod:`jaxeff.gnn.heldout_nets_xxvi`).
* session 26, held-out families XXVI (part b), pre-registered before they existed:
  ENet at 512 (arXiv 1606.02147), PP-LiteSeg-T at 1024 x 512 (arXiv 2204.02681),
  Lightweight OpenPose at 368 with heatmaps and PAFs (arXiv 1811.12004) and
  SimpleBaseline on ResNet-18 at 256 x 192 (arXiv 1804.06208)
  (:mod:`jaxeff.gnn.heldout_nets_xxvi_b`).
* session 26, held-out families XXVI (part c), pre-registered before they existed:
  RetinaNet ResNet-50-FPN at 512 with ten per-level outputs (arXiv 1708.02002),
  YOLO-Fastest 1.1 at 320 with its two heads (dog-qiuqiu's 2021 release), SCRFD-500M
  at 640 (arXiv 2105.04714) and UltraFace RFB-320 at 320 x 240 (Linzaer's 2019
  release) (:mod:`jaxeff.gnn.heldout_nets_xxvi_c`).
* session 26, held-out families XXVI (part d), pre-registered before they existed:
  TC-ResNet8 on 98 x 40 MFCC (arXiv 1904.03814), MatchboxNet 3x1x64 on 128 x 64 MFCC
  (arXiv 2004.08531), Res15 on 101 x 40 MFCC (arXiv 1710.10361) and the MLPerf Tiny
  anomaly-detection FC autoencoder on 640 values (arXiv 2106.07597)
  (:mod:`jaxeff.gnn.heldout_nets_xxvi_d`).
* session 26, held-out families XXVII (part a), pre-registered before they existed:
  the MLPerf Tiny visual-wake-words MobileNet-v1 0.25 at 96 and image-classification
  ResNet-8 at 32 (arXiv 2106.07597), LeNet-5 at 32 (LeCun et al., Proc. IEEE 1998)
  and TensorFlow Micro speech's ``tiny_conv`` on 49 x 40 (arXiv 1804.03209)
  (:mod:`jaxeff.gnn.heldout_nets_xxvii`).
* session 26, held-out families XXVII (part b), pre-registered before they existed:
  the TFLM magic-wand gesture CNN on 128 x 3 samples (Warden & Situnayake, TinyML
  2019), the ECG heartbeat CNN of Kachuee et al. on 187 samples (arXiv 1805.00794),
  Edge Impulse FOMO on MobileNet-v2 0.35 at 96 (2022) and cnn-trad-fpool3 on 98 x 40
  log-mel (Sainath & Parada, Interspeech 2015) (:mod:`jaxeff.gnn.heldout_nets_xxvii_b`).
* session 27, held-out families XXVIII (part a), pre-registered before they existed:
  TF speech-commands ``low_latency_conv``, ``tiny_embedding_conv`` and ``single_fc``
  on 49 x 40 (arXiv 1804.03209), Sainath & Parada's cnn-one-fstride4 and cnn-tpool2
  on 32 x 40 log-mel (Interspeech 2015) and Edge Impulse's keyword-spotting 1-D CNN
  on 50 x 13 MFCC (:mod:`jaxeff.gnn.heldout_nets_xxviii`).
* session 27, held-out families XXVIII (part b), pre-registered before they existed:
  LeNet-300-100 on 784 (LeCun et al. 1998), the Keras simple MNIST convnet at 28,
  Caffe's ``cifar10_quick`` at 32 (the CMSIS-NN example, arXiv 1801.06601), the Keras
  ``cifar10_cnn`` example at 32, a UCI-HAR 1-D CNN on 128 x 9 (Anguita et al. 2013)
  and the Keras ``mnist_mlp`` example on 784 (:mod:`jaxeff.gnn.heldout_nets_xxviii_b`).
* session 27 (addendum 2), held-out families XXIX (part a), pre-registered before they
  existed: Res8 and Res8-narrow on 101 x 40 MFCC (arXiv 1710.10361), TC-ResNet14 on 98
  x 40 MFCC (arXiv 1904.03814) and MatchboxNet 3x2x64 on 128 x 64 MFCC (arXiv
  2004.08531) (:mod:`jaxeff.gnn.heldout_nets_xxix`).
* session 27 addendum 2, held-out families XXIX (part b), pre-registered before they
  existed: TFLM's hello_world sine model on 1 value (Warden & Situnayake, TinyML 2019),
  LeNet-1 at 28 and LeNet-4 at 32 (LeCun et al. 1995 / 1998), All-CNN-C at 32 (arXiv
  1412.6806), the Keras FordA time-series FCN on 500 x 1 (Wang, Yan & Oates 2017) and
  the Keras blog's MNIST autoencoder on 784 (:mod:`jaxeff.gnn.heldout_nets_xxix_b`).
* session 28, held-out families XXX (part a), pre-registered before they existed:
  BC-ResNet-1 on 40 mel x 101 frames (arXiv 2106.04140), cnn-one-fpool3 on 32 x 40
  log-mel (Sainath & Parada, Interspeech 2015), Res15-narrow on 101 x 40 MFCC (arXiv
  1710.10361), TC-ResNet8-1.5 on 98 x 40 MFCC (arXiv 1904.03814) and the STM32 model
  zoo's IGN activity model on 24 x 3 accelerometer samples
  (:mod:`jaxeff.gnn.heldout_nets_xxx`).

* session 28, held-out families XXX (part b), pre-registered before they existed:
  Caffe's MNIST LeNet at 28, ResNet-20 (option A shortcuts) at 32 (arXiv 1512.03385),
  Simard et al.'s 800-unit MLP on 784 (ICDAR 2003), the keras.io convolutional VAE at
  28 and the TensorFlow Fashion-MNIST tutorial MLP on 28 x 28
  (:mod:`jaxeff.gnn.heldout_nets_xxx_b`).
* session 28 addendum 1, held-out families XXXI (part a), pre-registered before they
  existed: BC-ResNet-2 and BC-ResNet-3 on 40 mel x 101 frames (arXiv 2106.04140),
  TENet6 on 101 x 40 MFCC (arXiv 2010.09960) and cnn-tstride2 on 32 x 40 log-mel
  (Sainath & Parada, Interspeech 2015) (:mod:`jaxeff.gnn.heldout_nets_xxxi`).

* session 28 addendum 1, held-out families XXXI (part b), pre-registered before they
  existed: MobileNetV3-Small 0.5 at 96 (arXiv 1905.02244), MnasNet-A1 0.35 at 96
  (arXiv 1807.11626), SE-ResNet-20 on CIFAR-10 at 32 (arXiv 1709.01507 on 1512.03385)
  and SqueezeNet 1.1 at 96 with 10 classes (arXiv 1602.07360)
  (:mod:`jaxeff.gnn.heldout_nets_xxxi_b`).
* session 29, held-out families XXXII (part a), pre-registered before they existed:
  WDCNN on 2048 vibration samples (Zhang et al., Sensors 2017), M5 on 32,000 samples
  at 8 kHz (arXiv 1610.00087), EEGNet-8,2 on 64 electrodes x 128 samples (arXiv
  1611.08024) and the generic TCN of Bai et al. on sequential MNIST, 784 x 1 (arXiv
  1803.01271) (:mod:`jaxeff.gnn.heldout_nets_xxxii`).

* session 29, held-out families XXXII (part b), pre-registered before they existed:
  ESPCN x3 on a 100 x 100 luminance input (arXiv 1609.05158), DenseNet-40 (k = 12) on
  CIFAR-10 at 32 (arXiv 1608.06993), TinyissimoYOLO at 88 (arXiv 2306.00001) and the
  BinaryConnect / BinaryNet CIFAR-10 VGG-small at 32, int8 (arXiv 1511.00363 /
  1602.02830) (:mod:`jaxeff.gnn.heldout_nets_xxxii_b`).
* session 29 addendum 2, held-out families XXXIII (part a), pre-registered before they
  existed: the dilated, gated keyword spotter of Coucke et al. on 182 x 20 MFCC (arXiv
  1811.07684), Yu & Koltun's basic context module on 64 x 64 x 21 (arXiv 1511.07122),
  one MS-TCN stage on 512 frames of 2048-d features (arXiv 1903.01945) and Hannun et
  al.'s 34-layer ECG ResNet on 256 samples (Nature Medicine 2019)
  (:mod:`jaxeff.gnn.heldout_nets_xxxiii`).
* session 29 addendum 2, held-out families XXXIII (part b), pre-registered before they
  existed: TinyNet-E at 106 (arXiv 2010.14819), RegNetY-200MF at 224 (arXiv
  2003.13678), EtinyNet-1.0 at 144 (AAAI 2022, arXiv 2204.08174 [U]) and MobileNetV2
  1.0 at 160 with the Keras head (arXiv 1801.04381)
  (:mod:`jaxeff.gnn.heldout_nets_xxxiii_b`).
* session 30, held-out families XXXIV (part a), pre-registered before they existed:
  the stacked hourglass with one stack at 256 (arXiv 1603.06937), a 2-D Attention
  U-Net on 128 x 128 x 1 (arXiv 1804.03999), Light-Weight RefineNet on MobileNet-v2
  at 256 (arXiv 1810.03272) and the DCGAN generator from a 100-d code to 64 x 64 x 3
  (arXiv 1511.06434) (:mod:`jaxeff.gnn.heldout_nets_xxxiv`).
* session 30, held-out families XXXIV (part b), pre-registered before they existed:
  DnCNN-S (17 layers) on 64 x 64 x 1 (arXiv 1608.03981), FSRCNN (56, 12, 4) x2 with
  its 9x9 deconvolution as TRANSPOSE_CONV on 64 x 64 x 1 (arXiv 1608.00367; the
  ``upsample`` space draws it exactly, its sub-pixel form ``fsrcnn_x2_64`` is an
  earlier validation model), the DARTS (second order) CIFAR-10 network at 32 (arXiv
  1806.09055) and SqueezeDet on 384 x 1248 (arXiv 1612.01051)
  (:mod:`jaxeff.gnn.heldout_nets_xxxiv_b`).
* session 30 addendum 2, held-out families XXXV (part a), pre-registered before they
  existed: the original U-Net on 572 x 572 x 1 with VALID convs and centre crops
  (arXiv 1505.04597), PortraitNet at 224 (Computers & Graphics 2019), Kim's sentence
  CNN on 56 x 300 embeddings (arXiv 1408.5882) and YuNet-n at 320 (Machine
  Intelligence Research 2023) (:mod:`jaxeff.gnn.heldout_nets_xxxv`).
* session 30 addendum 2, held-out families XXXV (part b), pre-registered before they
  existed: the additive PyramidNet-110 with alpha 48 on CIFAR-10 at 32 (arXiv
  1610.02915), FractalNet (B = 5, C = 4, 40 layers) on CIFAR-10 at 32 (arXiv
  1605.07648), LiteSeg on MobileNet-v2 at 360 x 640 (arXiv 1912.06683) and ESNet at 512
  x 1024 (arXiv 1906.09826), the two segmentation networks ending in a per-pixel
  SOFTMAX (:mod:`jaxeff.gnn.heldout_nets_xxxv_b`).
* session 31, held-out families XXXVI (part a), pre-registered before they existed:
  the pix2pix U-Net-256 generator (arXiv 1611.07004), the Context Encoder with a
  4000-d bottleneck on 128 x 128 x 3 (arXiv 1604.07379), PointNet's classifier
  without T-Nets on 1,024 points (arXiv 1612.00593) and LapSRN x4 on 64 x 64 x 1
  (arXiv 1704.03505) (:mod:`jaxeff.gnn.heldout_nets_xxxvi`).
* session 31, held-out families XXXVI (part b), pre-registered before they existed:
  SRCNN 9-1-5 on 64 x 64 x 1 (arXiv 1501.00092), VDSR (20 layers) on 64 x 64 x 1
  (arXiv 1511.04587), the fast OverFeat model at 231 (arXiv 1312.6229) and
  FlowNetSimple on two stacked frames at 384 x 512 (arXiv 1504.06852)
  (:mod:`jaxeff.gnn.heldout_nets_xxxvi_b`).
* session 31 addendum 2, held-out families XXXVII, pre-registered before they existed:
  Sainath & Parada's cnn-one-fstride8, cnn-tstride4 and cnn-tstride8 on 32 x 40
  log-mel (Interspeech 2015; convs of stride 8 in frequency, 4 and 8 in time) and
  AlexNet in the one-tower layout of "one weird trick" at 224 with its 11x11/4 stem
  as one VALID conv (arXiv 1404.5997) (:mod:`jaxeff.gnn.heldout_nets_xxxvii`).
* session 32, held-out families XXXVIII, pre-registered before they existed: the
  SNGAN standard-CNN generator (arXiv 1802.05957), the LSGAN LSUN generator (arXiv
  1611.04076), the InfoGAN MNIST generator (arXiv 1606.03657), the SRGAN
  discriminator at 96 (arXiv 1609.04802), ZFNet at 224 (arXiv 1311.2901) and M5 on
  32,000 samples along W with a PAD and a VALID stride-4 conv (arXiv 1610.00087)
  (:mod:`jaxeff.gnn.heldout_nets_xxxviii`).
* session 32 addendum 1, held-out families XXXVIII (part b), pre-registered before they
  existed: Wav2Letter on the raw waveform (arXiv 1609.03193; a first conv of width
  250 and stride 160) and the wav2vec feature encoder (arXiv 1904.05862; convs of
  stride 5 and 4 first), both on 16,000 samples along W
  (:mod:`jaxeff.gnn.heldout_nets_xxxviii_b`).
* session 32 addendum 3, held-out families XXXIX, pre-registered before they existed:
  RED-Net-30 on 64 x 64 x 1 (arXiv 1603.09056; fifteen 3x3 stride-1 TRANSPOSE_CONVs
  with symmetric skip ADDs), VGG-M and VGG-F at 224 (arXiv 1405.3531; FC heads of 96
  M and 59 M weights, VGG-F's 11x11/4 stem as one VALID conv) and the large
  character-level CNN on 1,014 x 70 along W (arXiv 1509.01626; an FC of 71 M weights)
  (:mod:`jaxeff.gnn.heldout_nets_xxxix`).
* session 33, held-out families XL (part A), pre-registered before they existed:
  VGG-S at 224 (arXiv 1405.3531; 3x3/3 max pools, an FC head of 96 M weights), the
  accurate OverFeat model at 221 (arXiv 1312.6229; convs of 1,024 at 15 x 15, an FC
  head of 126 M weights), the DCGAN generator of the TensorFlow tutorial (a 5x5
  stride-1 TRANSPOSE_CONV, LEAKY_RELU 0.3) and the AC-GAN CIFAR-10 generator (arXiv
  1610.09585; 5x5/2 TRANSPOSE_CONVs from 384 channels)
  (:mod:`jaxeff.gnn.heldout_nets_xl`).
* session 33, held-out families XL (part b), pre-registered before they existed:
  Conv-TasNet's encoder and one TCN repeat on 8,000 samples along W (arXiv 1809.07454;
  a 1x16 conv of stride 8, depthwise convs dilated 1-128, PRELU, sigmoid masks), the
  first four Demucs encoder blocks on 4,096 stereo samples (arXiv 1911.13254; 1x8
  convs of stride 4, GLU), VDCNN-9 on 1,024 16-wide character embeddings (arXiv
  1606.01781) and PreAct ResNet-18 on CIFAR at 32 (arXiv 1603.05027; pre-activation
  batch norms as MUL + ADD) (:mod:`jaxeff.gnn.heldout_nets_xl_b`).
* session 33 addendum 2, held-out families XLI (part a), pre-registered before they
  existed: the small character-level CNN on 1,014 x 70 along W (arXiv 1509.01626;
  convs of 256, an FC of 8.9 M weights), SampleCNN 3^9 on 59,049 raw samples (arXiv
  1703.01789; a 1x3 / 3 conv, nine 1x3 conv + 1x3 / 3 max pool modules, a sigmoid
  over 50 tags) and SoundNet-8 on 220,500 raw samples (arXiv 1610.09001; PADs before
  VALID stride-2 convs of 64 ... 4 taps, 1x8 / 8 max pools, a conv of 1,401)
  (:mod:`jaxeff.gnn.heldout_nets_xli`).
* session 33 addendum 2, held-out families XLI (part b), pre-registered before they
  existed: one InceptionTime network on 1,000 samples along W (arXiv 1909.04939;
  1x39 / 1x19 / 1x9 convs, max-pool branches, CONCATENATIONs to 128), the time-series
  ResNet of Wang et al. on 500 samples (arXiv 1611.06455; 1x8 / 1x5 / 1x3 convs of
  64-128) and QuartzNet 5x5 on 64 mel features x 256 frames (arXiv 1910.10261;
  depthwise convs of 33-87 taps on 256-512 channels)
  (:mod:`jaxeff.gnn.heldout_nets_xli_b`).
* session 33 addendum 3, held-out families XLII (part E), pre-registered before they
  existed: MarbleNet 3x2x64 on 64 MFCC x 64 frames (arXiv 2010.13886; MatchboxNet
  3x2x64's separable blocks at stride 1, two classes), EnvNet-v2 on 66,650 raw
  samples (arXiv 1711.10282; 1x64 / 2 and 1x16 / 2 convs, a 1x64 / 64 max pool, a
  TRANSPOSE of the channels into the height, 8x8 convs, FCs of 20,480 -> 4,096 ->
  4,096 -> 50) and the 16,000-sample 1-D CNN of Abdoli et al. (arXiv 1904.08990;
  VALID stride-2 convs of 64 ... 8 taps, 1x8 / 8 max pools, FC 64, FC 10)
  (:mod:`jaxeff.gnn.heldout_nets_xlii`).
* session 33 addendum 3, held-out families XLII (part F), pre-registered before they
  existed: ResNet-18 at CIFAR scale (arXiv 1512.03385; a 3x3 stem of 64, basic blocks
  of 64-512 at 32 x 32), VGG-16 at CIFAR scale (arXiv 1409.1556, configuration D;
  thirteen 3x3 convs of 64-512, an FC 512 + FC 10 head) and Network in Network for
  CIFAR-10 (arXiv 1312.4400; 5x5 convs of 192, 1x1 stacks, a 3x3 / 2 SAME max pool
  and average pool, a 10-channel RELU conv averaged by MEAN)
  (:mod:`jaxeff.gnn.heldout_nets_xlii_b`).
* session 33 addendum 5, held-out families XLIII (part G), pre-registered before they
  existed: ResNet-32 for CIFAR (arXiv 1512.03385, n = 5; five basic blocks of 16, 32
  and 64 per stage, 1x1 stride-2 projections), DenseNet-BC-100 with k = 12 (arXiv
  1608.06993; 48 bottleneck layers of 1x1 48 + 3x3 12 concatenated, batch norms as
  MUL + ADD, compression-0.5 transitions) and Wide ResNet-28-10 (arXiv 1605.07146;
  pre-activation basic blocks of 160, 320 and 640, 36.5 M parameters)
  (:mod:`jaxeff.gnn.heldout_nets_xliii`).
* session 33 addendum 5, held-out families XLIII (part H), pre-registered before they
  existed: ResNeXt-29 8x64d for CIFAR (arXiv 1611.05431; a 3x3 stem of 64, three
  stages of three bottleneck blocks of 256-1024 whose 3x3 convs of 512-2048 channels
  are grouped in 8 as SPLIT / 8 CONV_2D / CONCATENATION) and PreAct ResNet-164 for
  CIFAR (arXiv 1603.05027; 54 pre-activation bottleneck units of 16-64 / 64-256,
  unfoldable batch norms as per-channel MUL + ADD RELU, linear residual ADDs)
  (:mod:`jaxeff.gnn.heldout_nets_xliii_b`).
* session 34 addendum 1, held-out families XLIV (part A), pre-registered before they
  existed: VGGish on a 96 x 64 x 1 log-mel patch (arXiv 1609.09430; VGG configuration
  A's first four conv groups, 3x3 convs of 64-512 with 2x2 max pools, flatten to
  12,288, FC 4096 RELU x 2, a linear FC 128 embedding), PANNs CNN6 on a 1001 x 64 x 1
  log-mel map (arXiv 1912.10211; four 5x5 convs of 64-512 with 2x2 average pools, MEAN
  over the mel bins, a whole-time-axis MAX_POOL_2D ADDed to the MEAN over time, FC
  512, FC 527, LOGISTIC) and the MTCNN O-Net on 48 x 48 x 3 (arXiv 1604.02878; VALID
  convs of 32-128 each with a standalone PRELU, 3x3 / 2 and 2x2 / 2 max pools, FC 256
  PRELU, three heads: FC 2 + SOFTMAX, FC 4, FC 10, three graph outputs)
  (:mod:`jaxeff.gnn.heldout_nets_xliv`).
* session 34 addendum 1, held-out families XLIV (part B), pre-registered before they
  existed: FastDepth at 224 (arXiv 1903.03273, MobileNet-NNConv5; the MobileNet-v1
  1.0 encoder with RELU, five decoder stages of a 5x5 depthwise conv, a 1x1 conv to
  512-32 and a 2x nearest RESIZE, ADD skips of the encoder's 14 x 14, 28 x 28 and 56
  x 56 maps, a one-channel depth map) and the CycleGAN generator with six residual
  blocks at 128 (arXiv 1703.10593; 7x7 convs, 3x3 / 2 convs down, residual blocks of
  256 with linear ADDs, 3x3 / 2 TRANSPOSE_CONVs up, TANH)
  (:mod:`jaxeff.gnn.heldout_nets_xliv_b`).
* session 34 addendum 2, held-out families XLV (part C), pre-registered before they
  existed: SphereFace-20 on 112 x 96 x 3 (arXiv 1704.08063, Table 2; four stages of a
  3x3 / 2 conv of 64-512 with PRELU and 1, 2, 4, 1 residual units of two 3x3 convs
  with PRELU and linear identity ADDs, no batch norm, flatten 7 x 6 x 512, a linear
  FC 512 embedding) and the ArcFace IResNet-18 on 112 x 112 x 3 (arXiv 1801.07698;
  a 3x3 conv 64 + PRELU, improved residual units BN-conv-BN-PReLU-conv-BN with the
  stride on the second conv and 1x1 / 2 projections, two a stage at 64-512, the
  unfoldable batch norms as per-channel MUL + ADD, the output block BN, flatten 7 x
  7 x 512, FC 512, BN) (:mod:`jaxeff.gnn.heldout_nets_xlv`).
* session 34 addendum 2, held-out families XLV (part D), pre-registered before they
  existed: the SEGAN generator on 16,384 samples (arXiv 1703.09452; eleven 1x31 /
  (1, 2) convs of 16-1024 with PRELU, the latent z of 8 x 1024 a second graph input
  concatenated at the bottleneck, eleven 1x31 / (1, 2) TRANSPOSE_CONVs of 512-1 with
  PRELU and concatenated encoder skips, TANH) and SegNet-Basic at 360 x 480 (arXiv
  1511.00561; four 7x7 convs of 64 RELU with 2x2 / 2 max pools, four nearest RESIZEs
  back to the encoder's sizes (22 -> 45 the first) with linear 7x7 convs of 64, a 1x1
  conv to 11 CamVid classes, a per-pixel SOFTMAX)
  (:mod:`jaxeff.gnn.heldout_nets_xlv_b`).
* session 35, held-out families XLVI (part A), pre-registered before they existed:
  Mini-Xception on 48 x 48 x 1 (arXiv 1710.07557; two VALID 3x3 convs of 8, four
  residual modules of 16-128 of two separable 3x3 convs and a 3x3 / 2 SAME max pool
  ADDed to a 1x1 / 2 conv, a 3x3 conv to 7 classes, MEAN, SOFTMAX) and DroNet on 200 x
  200 x 1 (RA-L 2018; a 5x5 / 2 conv 32, a 3x3 / 2 max pool, three pre-activation
  residual blocks of 32-128 with the unfoldable batch norms as MUL + ADD + RELU and 1x1
  / 2 conv shortcuts, flatten 7 x 7 x 128, RELU, FC 1 steering and FC 1 + LOGISTIC
  collision, two graph outputs) (:mod:`jaxeff.gnn.heldout_nets_xlvi`).
* session 35, held-out families XLVI (part B), pre-registered before they existed:
  Wave-U-Net on 16,384 samples (arXiv 1806.03185; twelve 1x15 convs of 24-288 with
  LEAKY_RELU and stride-2 STRIDED_SLICE decimation, a 1x15 conv of 312, twelve 2x
  RESIZE_BILINEARs with concatenated skips and 1x5 convs, the input concatenated, a
  1x1 conv to 2 sources, TANH) and a small WaveNet on 4,096 samples (arXiv
  1609.03499; two stacks of ten causal PAD + 1x2 convs dilated 1-512 with SPLIT
  tanh x sigmoid gates, residual and skip 1x1 convs, summed skips, 1x1 convs 128 and
  256, SOFTMAX) (:mod:`jaxeff.gnn.heldout_nets_xlvi_b`).
* session 35 addendum 2, held-out families XLVII (part C), pre-registered before they
  existed: the MelGAN generator on 32 frames of an 80-band mel spectrogram (arXiv
  1910.06711; a 1x7 conv to 512, four LEAKY_RELU + 1-D TRANSPOSE_CONV stages 1x16 /
  (1, 8), 1x16 / (1, 8), 1x4 / (1, 2), 1x4 / (1, 2) to 256-32, each followed by three
  residual blocks of 1x3 convs dilated 1, 3, 9 and 1x1 conv shortcuts, a 1x7 conv to 1,
  TANH; 8,192 samples) (:mod:`jaxeff.gnn.heldout_nets_xlvii`).
* session 35, held-out family XLVII (part D), pre-registered before it existed:
  FC-DenseNet56 on 224 x 224 x 3 (arXiv 1611.09326; a 3x3 conv of 48, five dense
  blocks of 4 layers of growth 12 with MUL + ADD + RELU batch norms and CONCATENATIONs,
  transitions down of a 1x1 conv and a 2x2 max pool, a 4-layer bottleneck, five 3x3 /
  2 TRANSPOSE_CONVs of the previous block's new maps concatenated with the skips, a
  1x1 conv to 11 classes, a per-pixel SOFTMAX) (:mod:`jaxeff.gnn.heldout_nets_xlvii_b`).
* session 36, held-out families XLVIII (part A), pre-registered before they existed:
  EDSR-baseline x2 on 64 x 64 x 3 (arXiv 1707.02921; 1x1 mean-shift convs in and out,
  a 3x3 conv to 64, 16 residual blocks of 3x3 conv RELU - 3x3 conv with linear ADDs,
  a 3x3 conv ADDed to the head's output, a 3x3 conv to 256 and the x2 shuffle, a 3x3
  conv to 3) and FFDNet grey-scale on 128 x 128 x 1 (arXiv 1710.04026; space-to-depth
  2, a 64 x 64 noise-level map a second graph input CONCATENATED, 15 3x3 convs of 64
  with RELU but the last to 4, depth-to-space 2); the shuffles in the NPU forms of
  the pre-registration's addendum 2 (each depth-to-space 2 a one-hot 2x2 / 2
  TRANSPOSE_CONV, :func:`jaxeff.nets.sesr_npu.npu_d2s`; the space-to-depth a 2x2 / 2
  CONV_2D of fixed 0 / 1 weights) (:mod:`jaxeff.gnn.heldout_nets_xlviii`).
* session 36, held-out families XLVIII (part B), pre-registered before they existed:
  SuperPoint on 240 x 320 x 1 (arXiv 1712.07629; eight 3x3 RELU convs 64-128 with
  three 2x2 max pools, a point head of a 3x3 conv 256, a 1x1 conv 65, SOFTMAX, the
  dust-bin sliced off and the depth-to-space 8 as three one-hot x2 TRANSPOSE_CONVs
  (addendum 2; the 1x1 conv's channels permuted), a descriptor head of a 3x3 conv
  256, a 1x1 conv 256 and an L2 normalisation as RESHAPE, MUL, MEAN, RSQRT, MUL,
  RESHAPE; two outputs) and CSRNet configuration B on 256 x 256 x 3 (arXiv
  1802.10062; VGG-16's first ten convs, six 3x3 RELU convs dilated 2 of 512-64, a 1x1
  conv to the density map) (:mod:`jaxeff.gnn.heldout_nets_xlviii_b`).
* session 36 addendum 1, held-out families XLVIII (part C), pre-registered before it
  existed: SRResNet x4 on 32 x 32 x 3 (arXiv 1609.04802; a 9x9 conv to 64 + PRELU, 16
  residual blocks of 3x3 conv, PRELU, 3x3 conv and ADD, a 3x3 conv ADDed to the first
  PRELU, two stages of a 3x3 conv to 256, the x2 shuffle as a one-hot TRANSPOSE_CONV
  (addendum 2) and PRELU, a 9x9 conv to 3; 128 x 128 x 3)
  (:mod:`jaxeff.gnn.heldout_nets_xlviii_c`).
* session 36 addendum 3, held-out families XLIX (part D), pre-registered before it
  existed: ResNet-v2-50 on 224 x 224 x 3 (arXiv 1603.05027; a linear 7x7 / 2 conv of
  64, a 3x3 / 2 max pool, 3-4-6-3 pre-activation bottleneck units of 64-512 whose
  input batch norms are per-channel MUL + ADD RELU, linear residual ADDs, 1x1
  projections of the pre-activated map, a final MUL + ADD RELU, MEAN, FC 1000,
  SOFTMAX) (:mod:`jaxeff.gnn.heldout_nets_xlix`).
* session 36 addendum 3, held-out families XLIX (part E), pre-registered before it
  existed: ResUNet on 224 x 224 x 3 (arXiv 1711.10684; residual units of 64 (conv
  first), 128 / 2, 256 / 2 and a bridge of 512 / 2, each a MUL + ADD RELU batch norm
  of its input (but the first), a 3x3 RELU conv, a 3x3 conv and a 1x1 conv shortcut
  ADDed; three decoder stages of RESIZE_NEAREST_NEIGHBOR x2, CONCATENATION with the
  encoder's sum and a residual unit of 256, 128, 64; a 1x1 conv to 1, LOGISTIC)
  (:mod:`jaxeff.gnn.heldout_nets_xlix_b`).
* session 36 addendum 3, held-out families XLIX (part F), pre-registered before it
  existed: U-Time in the definition's fallback form on a [1, 1, 4096, 2] EEG row
  (arXiv 1910.11162; four encoder blocks of two 1x5 convs dilated 2 and max pools of
  8, 4, 4, 2, a bottom block of 256, four decoder blocks of a nearest one-row RESIZE
  by 2, 4, 4, 8, a 1x4 conv, the skip CONCATENATED and two 1x5 convs, a 1x1 conv to
  5, SOFTMAX and an average pool per 2,048-sample epoch; [1, 1, 2, 5]; the paper's
  up-sampling by 6 and 10 Vela 5.2 keeps on the CPU)
  (:mod:`jaxeff.gnn.heldout_nets_xlix_c`).
* session 36 addendum 4, held-out families L (part G), pre-registered before it
  existed: RDN x2 on 32 x 32 x 3 (arXiv 1802.08797; two 3x3 convs of 64, 16 residual
  dense blocks of eight 3x3 RELU convs of growth 64 on the running CONCATENATION, a
  1x1 fusion to 64 and an ADD, a CONCATENATION of the 16 blocks, a 1x1 and a 3x3
  conv ADDed to the first conv, a 3x3 conv to 256, the x2 shuffle as a one-hot
  TRANSPOSE_CONV (addendum 2), a 3x3 conv to 3; 64 x 64 x 3)
  (:mod:`jaxeff.gnn.heldout_nets_l`).
* session 36 addendum 4, held-out families L (part H), pre-registered before it
  existed: L3-Net's audio subnetwork on a 257 x 199 x 1 log-spectrogram (arXiv
  1705.08168; four blocks of two 3x3 RELU convs of 64, 128, 256, 512, 2x2 max pools
  after the first three, a 32 x 24 whole-map MAX_POOL_2D; [1, 1, 1, 512])
  (:mod:`jaxeff.gnn.heldout_nets_l_b`).
* session 36 addendum 4, held-out families L (part I), pre-registered before it
  existed: SimpleNet on 32 x 32 x 3 (arXiv 1608.06037; thirteen SAME RELU convs of
  64-512, 3x3 but a 1x1 of 2,048 and one of 256, 2x2 max pools after convs 4, 7, 9,
  10 and 12, the last 3x3 conv on a 1 x 1 map, a global MAX_POOL_2D, RESHAPE, FC 10,
  SOFTMAX) (:mod:`jaxeff.gnn.heldout_nets_l_c`).
* session 36 addendum 6, held-out families LI (part J), pre-registered before it
  existed: PreAct-ResNet-34 on 224 x 224 x 3 (arXiv 1603.05027; a linear 7x7 / 2 conv
  of 64, a 3x3 / 2 max pool, 3-4-6-3 pre-activation basic units of 64-512 whose input
  batch norms are per-channel MUL + ADD RELU, two 3x3 convs, linear residual ADDs, 1x1
  / 2 projections of the pre-activated map, a final MUL + ADD RELU, MEAN, FC 1000,
  SOFTMAX) (:mod:`jaxeff.gnn.heldout_nets_li`).
* session 37, held-out families LII (part A), pre-registered before it existed:
  Residual Attention Network-56 on 224 x 224 x 3 (arXiv 1704.06904; a 7x7 / 2 RELU
  conv of 64, a 3x3 / 2 max pool, pre-activation bottleneck units whose input batch
  norms are per-channel MUL + ADD RELU, three attention modules at 56, 28, 14 pixels
  with soft-mask branches of 3, 2, 1 max-pool / RESIZE_BILINEAR x2 levels, a MUL + ADD
  RELU, two 1x1 convs and a LOGISTIC, (1 + mask) x trunk as an ADD of 1 and a MUL;
  MEAN, FC 1000, SOFTMAX) (:mod:`jaxeff.gnn.heldout_nets_lii`).
* session 37, held-out families LII (part B), pre-registered before it existed:
  RevNet-110 on 32 x 32 x 3 (arXiv 1707.04585; a linear 3x3 conv of 32, 25 reversible
  units of 32, 64, 128 channels: SPLIT into halves, two pre-activation residual
  functions of MUL + ADD RELU and two 3x3 convs ADDed across, CONCATENATION; two
  pre-activation basic units with 1x1 / 2 projections down-sampling; MEAN, FC 10,
  SOFTMAX) (:mod:`jaxeff.gnn.heldout_nets_lii_b`).

Which of them overlap the training spaces is written in ``models.json`` (``family``
/ ``overlap``). Evaluate with ``python -m experiments.perfsage --real-study --heldout
<workdir>/models``.

    python -m experiments.perfsage_heldout --workdir runs/perfsage_heldout
    python -m experiments.perfsage_heldout --smoke      # 2 small models, < 1 min
"""

from __future__ import annotations

import dataclasses
import json
import pathlib
from typing import Any

import numpy as np

from experiments._cli import parse_run_args, preset_parser, run_and_report
from jaxeff.report import RunDir, atomic_write, markdown_table

#: the training spaces' overlap shared by M18's raw and VALID-stem entries
_M18_SPACES = (
    "longk / tiny (partly: longk draws 1-D signals [1, 1, T, 1] of up to 16,000 "
    "samples under one long first conv (1 x 80 among its kernels, a VALID stride of 4 "
    "along W) of up to 192 filters, one pool of stride at most 3, 0-4 later convs of "
    "at most 128 filters, a MEAN head, FC, SOFTMAX, at most 30 ops and 50 M MACs; "
    "tiny's RELU convs, max pools of 2 / 3, MEAN, FC 10, SOFTMAX, at most 12 ops and "
    "100 M MACs); 32,000 samples laid out as 1 x 32000 x 1")
#: the training spaces' overlap shared by M34-res's raw and VALID-stem entries
_M34_SPACES = (
    "longk / resnet / tiny (partly: longk draws 1-D signals [1, 1, T, 1] of up to "
    "16,000 samples under one long first conv (1 x 80 among its kernels, a VALID "
    "stride of 4 along W), one pool of stride at most 3, 0-4 later convs of at most "
    "128 filters, no ADD, at most 30 ops and 50 M MACs; resnet's basic blocks of two "
    "3x3 convs (RELU, linear) with 1x1 projection shortcuts and ADD with RELU fused, "
    "on square RGB maps of 32-128 px; tiny's RELU convs, max pools of 2 / 3, MEAN, FC "
    "10, at most 12 ops); 32,000 samples laid out as 1 x 32000 x 1")

# name -> (family, which training space it overlaps, or "none")
MODELS: dict[str, tuple[str, str]] = {
    "micronet_kws_s": ("MicroNets KWS", "dscnn / kws (DS-CNN structure)"),
    "micronet_kws_m": ("MicroNets KWS", "dscnn / kws (DS-CNN structure)"),
    "micronet_kws_l": ("MicroNets KWS", "dscnn / kws (DS-CNN structure)"),
    "micronet_ad_s": ("MicroNets AD", "dscnn (DS blocks, 32x32 input)"),
    "micronet_ad_m": ("MicroNets AD", "dscnn (DS blocks, 32x32 input)"),
    "micronet_dscnn_s": ("DS-CNN", "dscnn / kws (same family)"),
    "micronet_dscnn_l": ("DS-CNN", "dscnn / kws (same family)"),
    "resnet20_cifar": ("CIFAR ResNet-20", "resnet (same family)"),
    "ran_e_gt_224": ("RAN-e", "mbconv (partly: RAN blocks differ)"),
    "ran_e_c_224": ("RAN-e", "mbconv (partly: RAN blocks differ)"),
    "effnet_lite0_224": ("EfficientNet-Lite0", "mbconv (MBConv blocks)"),
    "sesr_m3_x2_64": ("SESR", "sesr (TRANSPOSE_CONV depth-to-space unseen)"),
    "sesr_m5_x2_64": ("SESR", "sesr (TRANSPOSE_CONV depth-to-space unseen)"),
    "sesr_m11_x2_64": ("SESR", "sesr (TRANSPOSE_CONV depth-to-space unseen)"),
    "sesr_xl_x2_64": ("SESR", "sesr (TRANSPOSE_CONV depth-to-space unseen)"),
    "fsrcnn_x2_64": ("FSRCNN", "none (9x9-derived conv, PRELU, TRANSPOSE_CONV)"),
    "edsr_x2_48": ("EDSR-baseline", "none (RGB SR, 64-ch residual blocks)"),
    "shufflenet_v2_0.5_224": ("ShuffleNet-v2", "shuffle (full depth: 261 nodes > 200)"),
    "shufflenet_v2_1.0_224": ("ShuffleNet-v2", "shuffle (full depth: 261 nodes > 200)"),
    "gru_kws_49x10": ("GRU KWS", "recurrent (49 steps > 10)"),
    "crnn_kws_49x10": ("Hello-Edge-style CRNN", "recurrent (20 steps x 2 layers > 10)"),
    "squeezenet_1.1_224": ("SqueezeNet 1.1", "none (fire modules: parallel 1x1 / 3x3)"),
    "googlenet_224": ("GoogLeNet", "none (inception: 4 parallel branches, 5x5)"),
    "mobilenet_v3_small_224": ("MobileNet-v3", "mbconv (partly: SE, hard-swish; "
                               "hard-sigmoid gate new)"),
    "mobilenet_v3_large_224": ("MobileNet-v3", "mbconv (partly: SE, hard-swish; "
                               "hard-sigmoid gate new)"),
    "densenet121_224": ("DenseNet-121", "none (dense CONCATENATION chains, 247 nodes)"),
    "vgg11_cifar": ("VGG-11 (CIFAR-10)", "none (plain 3x3 stack, no residual)"),
    "tiny_yolov2_416": ("Tiny-YOLOv2 (VOC)", "none (LEAKY_RELU unseen, 416x416)"),
    "resnet18_224": ("ResNet-18", "resnet (partly: basic blocks, at CIFAR scale)"),
    "resnet50_224": ("ResNet-50", "resnet (partly: bottleneck blocks, smaller)"),
    "efficientnet_b0_224": ("EfficientNet-B0", "families (partly: MBConv without SE / "
                            "swish)"),
    "mobilenet_v1_1.0_224": ("MobileNet-v1", "families (partly: the VWW MobileNet-v1 "
                             "at alpha <= 0.5, <= 128 px)"),
    "tiny_yolov3_416": ("Tiny-YOLOv3 (COCO)", "plain (partly: Darknet stacks; the "
                        "up-sampling + concat route is new there)"),
    "inception_v3_299": ("Inception-v3", "none (factorised 1x7 / 7x1 convolutions, "
                         "4-branch modules)"),
    "pilotnet_66x200": ("PilotNet", "kws (partly: conv + FC stacks; regression head)"),
    "ghostnet_1.0_224": ("GhostNet", "none (ghost modules: conv + cheap depthwise + "
                         "concat; SE)"),
    "mnasnet_a1_224": ("MnasNet-A1", "families / mbconv (partly: MBConv; SE with "
                       "sigmoid new)"),
    "xception_299": ("Xception", "plain (partly: standalone RELU pre-activations); "
                     "separable convs at ImageNet scale new"),
    "resnet34_224": ("ResNet-34", "resnet (partly: basic blocks, at CIFAR scale); "
                     "ResNet-18 an earlier test model"),
    "mobilenet_v2_1.4_224": ("MobileNet-v2", "mbconv / families / detect (inverted "
                             "residuals, RELU6; detect draws MobileNet-v2 backbones at "
                             "width <= 1 and depth <= 0.5; width 1.4 at full depth new)"),
    "squeezenet_1.0_224": ("SqueezeNet 1.0", "none (fire modules; SqueezeNet 1.1 an "
                           "earlier test model)"),
    "darknet19_224": ("Darknet-19", "plain (partly: Darknet stacks with LEAKY_RELU; "
                      "3x3 / 1x1 alternation and ImageNet head new)"),
    "peleenet_224": ("PeleeNet", "plain (partly: dense CONCATENATION chains); two-way "
                     "dense layers, post-activation RELU and the conv / max-pool stem "
                     "concat new; DenseNet-121 an earlier test model"),
    "bn_inception_224": ("BN-Inception", "none (inception modules with double 3x3 "
                         "branches and stride-2 pass-through modules); GoogLeNet and "
                         "Inception-v3 earlier test models"),
    "densenet169_224": ("DenseNet-169", "plain (partly: DenseNet-BC blocks of <= 8 "
                        "layers; blocks of 32 new); DenseNet-121 an earlier test "
                        "model"),
    "unet_128": ("U-Net", "upsample (partly: encdec draws 2-3 level UNets of <= 256 "
                 "channels with TRANSPOSE_CONV or RESIZE and concat skips; 4 levels of "
                 "64-1024 channels, two convs a level new)"),
    "hardnet68_224": ("HarDNet-68", "plain (partly: CONCATENATION chains of DenseNet-BC "
                      "blocks); harmonic links (a layer fed by layers l - 2^n), block "
                      "outputs of the odd layers, RELU6 new; DenseNet-121 / -169 and "
                      "PeleeNet earlier test models"),
    "yolov4_tiny_416": ("YOLOv4-tiny (COCO)", "plain (partly: Darknet stacks with "
                        "LEAKY_RELU); CSP stages with a half-channel STRIDED_SLICE "
                        "and route concats new; Tiny-YOLOv3 (same heads, "
                        "up-sampling route) an earlier test model"),
    "inception_v4_299": ("Inception-v4", "none (inception modules with 1x7 / 7x1 and "
                         "1x3 / 3x1 convs, conv / pool stem concats); Inception-v3 and "
                         "BN-Inception earlier test models"),
    "ghostnet_1.3_224": ("GhostNet 1.3", "none (ghost modules, SE); a width variant of "
                         "GhostNet 1.0, an earlier (seen) test model, the family rule L "
                         "came from"),
    "deeplabv3_mnv2_513": ("DeepLabv3-MobileNet-v2", "mbconv / families / detect "
                           "(partly: MobileNet-v2 inverted residuals); dilated "
                           "depthwise convs, image pooling, RESIZE_BILINEAR by 4 "
                           "new; MobileNet-v2 1.4 an earlier test model; [U] 513 "
                           "crop, x16 up-sampling as two x4, head RELU, first "
                           "160-channel block undilated"),
    "erfnet_512x256": ("ERFNet", "upsample (partly: TRANSPOSE_CONV decoders); "
                       "factorised 3x1 / 1x3 convs dilated up to 16, conv / max-pool "
                       "concat downsamplers new; U-Net an earlier test model; [U] "
                       "downsampler batch norm left out (standalone RELU), last "
                       "deconvolution 2x2/2, 19 classes"),
    "ssdlite_mnv2_320": ("SSDLite-MobileNet-v2 (COCO)", "detect (SSDLite heads on "
                         "MobileNet-v2 at width <= 1, depth <= 0.5, classes <= 91); "
                         "full depth, 1280-channel map and four extra layers new; "
                         "[U] extra-layer widths 512 / 256 / 256 / 128, 3 / 6 "
                         "anchors, 81 classes, separate box / class depthwise"),
    "mobilefacenet_112": ("MobileFaceNet", "mbconv / families (partly: inverted "
                          "residuals); standalone PRELU after every non-linear conv, "
                          "7x7 global depthwise conv new; FSRCNN (PRELU) an earlier "
                          "test model; no [U]"),
    "mnasnet_b1_224": ("MnasNet-B1", "mbconv / families (MBConv blocks without SE, "
                       "RELU); MnasNet-A1 and MobileNet-v2 1.4 earlier test models; "
                       "no [U]"),
    "linknet_512x256": ("LinkNet", "upsample (partly: TRANSPOSE_CONV decoders); "
                        "ResNet-18 encoder at 1/32, 1x1 / 3x3 TRANSPOSE_CONV / 1x1 "
                        "decoders with ADD bypasses new; ResNet-18, U-Net and ERFNet "
                        "earlier test models; [U] decoder-1 deconvolution stride 1, "
                        "linear bypass ADD, 3x3 stem pool, 19 classes, 512 x 256"),
    "wrn16_4_cifar": ("Wide-ResNet-16-4 (CIFAR-10)", "resnet (partly: CIFAR ResNets); "
                      "4x width (64-256 channels) and standalone pre-activation RELUs "
                      "new; ResNet-20 an earlier test model; [U] pre-activation batch "
                      "norm left out (standalone RELU)"),
    "ssd300_mnv1": ("SSD-MobileNet-v1 (COCO)", "detect (partly: SSDLite heads on "
                    "MobileNet-v2); MobileNet-v1 backbone, regular 3x3/2 extra layers "
                    "and 1x1 predictors new; MobileNet-v1 and SSDLite-MobileNet-v2 "
                    "earlier test models; [U] TF detection API layout: extra widths "
                    "512 / 256 / 256 / 128, 3 / 6 anchors, 91 classes"),
    # held-out families XI (session 22)
    "espnet_512x256": ("ESPNet", "upsample (partly: TRANSPOSE_CONV decoders, PRELU); "
                       "ESP modules (parallel 3x3 convs dilated 1-16, hierarchical ADD "
                       "fusion, CONCATENATION), average-pool input injection new; "
                       "ERFNet (dilation) and MobileFaceNet (PRELU) earlier test "
                       "models; [U] batch norm after HFF / residual ADD / pooled-input "
                       "concat left out (standalone PRELU), conv biases, 19 classes, "
                       "512 x 256 (paper 1024 x 512)"),
    "cgnet_m3n21_512x256": ("CGNet_M3N21", "mbconv / families (partly: depthwise "
                            "convs, LOGISTIC-gated squeeze-excite); dilated depthwise "
                            "surround branch, CONCATENATION, PRELU, 24 global-context "
                            "gates at full feature size, bilinear x8 new; [U] batch "
                            "norm after pooled-input / residual concats left out "
                            "(standalone PRELU), conv biases, x8 as three half-pixel "
                            "x2 RESIZE_BILINEARs, 512 x 256 (paper 680 x 680 crops)"),
    "edanet_512x256": ("EDANet", "plain (partly: DenseNet-BC dense CONCATENATION); "
                       "asymmetric 3x1 / 1x3 convs dilated up to 16 in dense modules, "
                       "conv / max-pool concat downsamplers, one RESIZE_BILINEAR x8 "
                       "new; ERFNet and DenseNet-121 earlier test models; [U] "
                       "downsampler batch norm left out (standalone RELU), conv "
                       "biases, x8 without align_corners, 19 classes, 512 x 256 (paper "
                       "512 x 1024)"),
    "dabnet_512x256": ("DABNet", "mbconv / families (partly: depthwise convs); "
                       "depthwise 3x1 / 1x3 convs dilated up to 16 in two-branch "
                       "bottlenecks, standalone PRELU everywhere, input injection, "
                       "bilinear x8 new; ERFNet (factorised dilation) an earlier test "
                       "model; [U] pre-activation / concat batch norms left out "
                       "(standalone PRELU), conv biases, x8 as three half-pixel x2 "
                       "RESIZE_BILINEARs, 512 x 256 (paper 512 x 1024)"),
    # held-out families XII (session 22)
    "proxylessnas_mobile_224": ("ProxylessNAS-Mobile", "mbconv / families (MBConv "
                                "with RELU6, kernels 3 / 5 / 7, expansions 3 / 6, at "
                                "<= 160 px); per-block mixed kernels and expansions "
                                "at 224 and full depth new; MnasNet-A1 / -B1 and "
                                "MobileNet-v2 1.4 earlier test models; no [U]"),
    "mixnet_s_224": ("MixNet-S", "mbconv / families (partly: MBConv with SE and a "
                     "LOGISTIC gate); MixConv (channel SPLIT, one depthwise conv of "
                     "kernel 3 ... 11 a group, CONCATENATION) and grouped 1x1 convs "
                     "(SPLIT, a CONV_2D a group, CONCATENATION) new; EfficientNet-B0 "
                     "(swish, SE) an earlier test model; [U] swish as x * "
                     "LOGISTIC(x), grouped 1x1 convs as SPLIT / CONV_2D / "
                     "CONCATENATION"),
    "fbnet_a_224": ("FBNet-A", "mbconv / families (MBConv with RELU, kernels 3 / 5); "
                    "grouped 1x1 convs (SPLIT / CONV_2D / CONCATENATION) with a "
                    "channel shuffle (RESHAPE / TRANSPOSE / RESHAPE, as the shuffle "
                    "space draws it) inside MBConv blocks new; MnasNet and "
                    "ShuffleNet-v2 earlier test models; [U] head 1x1 1504 (the "
                    "release) not 1984 (Table 1), shuffle in the 4-D RESHAPE form, "
                    "grouped convs as SPLIT / CONV_2D / CONCATENATION"),
    "alexnet_224": ("AlexNet", "plain (partly: VGG stacks with flatten + FC); 11x11/4 "
                    "stem (PAD, space-to-depth), a 5x5 conv and three FCs of 9216 -> "
                    "4096 -> 4096 -> 1000 (58.6 M of the 61.1 M weights) new; "
                    "VGG-11 (CIFAR) an earlier test model; [U] torchvision's one-GPU "
                    "layout (64-192-384-256-256, no LRN), NHWC flatten order, the "
                    "11x11/4 conv as space-to-depth by 4 (RESHAPE / TRANSPOSE / "
                    "RESHAPE) and a 3x3/1 conv (Vela: conv stride <= 3)"),
    # held-out families XIII (session 22)
    "deeplabv3plus_mnv2_513": ("DeepLabv3+-MobileNet-v2", "mbconv / families / detect "
                               "(partly: MobileNet-v2 inverted residuals); ASPP of "
                               "depthwise convs dilated 6 / 12 / 18 (dilated kernels "
                               "up to 37 on a 33x33 map), a decoder concat at 1/4, "
                               "separable decoder convs at 129x129 new; DeepLabv3-"
                               "MobileNet-v2 (same backbone, image pooling) an earlier "
                               "test model; [U] separable ASPP / decoder convs, "
                               "low-level tap the 24-channel stride-4 block output, "
                               "513 crop, align_corners x4 resizes, first 160-channel "
                               "block undilated"),
    "drn_c_26_224": ("DRN-C-26", "resnet (partly: basic blocks, at CIFAR scale); 3x3 "
                     "convs dilated 2 / 4 at 28x28 x 256-512 (output stride 8), a 7x7/1 "
                     "stem at 224x224, non-residual degridding blocks, a 28x28 average "
                     "pool new; ResNet-18 / -34 earlier test models; [U] the "
                     "classifier form (not the segmentation net)"),
    "lednet_512x256": ("LEDNet", "shuffle (partly: channel SPLIT, CONCATENATION, "
                       "channel shuffle); factorised 3x1 / 1x3 convs dilated up to 17 "
                       "inside split-shuffle residual modules, the attention pyramid "
                       "decoder (one-channel 7x7 / 5x5 / 3x3 convs, channel-broadcast "
                       "MUL) new; ERFNet (factorised dilation) and ShuffleNet-v2 "
                       "earlier test models; [U] downsampler batch norm left out "
                       "(standalone RELU), half-pixel x2 RESIZE_BILINEARs (release: "
                       "align_corners), x8 as three x2, 19 classes, 512 x 256 (paper "
                       "1024 x 512)"),
    "fast_scnn_1024x512": ("Fast-SCNN", "mbconv / families (partly: MobileNet-v2 "
                           "bottlenecks with RELU); learning-to-downsample at 1024 x "
                           "512, pyramid pooling (average pools, RESIZE_BILINEAR x2 / "
                           "x4 / x8, CONCATENATION), x4 feature fusion with a depthwise "
                           "conv dilated 4 new; DeepLabv3 (image pooling) an earlier "
                           "test model; [U] pyramid bins global / 8x8 / 4x4 / 2x2 "
                           "pools (paper 1, 2, 3, 6), resizes without align_corners, "
                           "RELU after every depthwise conv, 19 classes, 1024 x 512 "
                           "(paper 2048 x 1024)"),
    # held-out families XIV (session 22)
    "vgg16_224": ("VGG-16", "plain (partly: VGG configuration D at <= 160 px, width "
                  "<= 1, with flatten + FC); 224 x 224 x 64 convs and the 25088 -> "
                  "4096 -> 4096 -> 1000 FC head (123.6 M of the 138.4 M weights) new; "
                  "VGG-11 (CIFAR) and AlexNet earlier test models; [U] NHWC flatten "
                  "order"),
    "squeezenext23_227": ("SqueezeNext-23", "ext (partly: factorised k x 1 / 1 x k "
                          "convs with residual ADD, at <= 128 x 256); two-stage 1x1 "
                          "squeezes, strided 1x1 convs, projected shortcuts and a "
                          "7x7/2 stem at ImageNet scale new; SqueezeNet 1.0 / 1.1, "
                          "Inception-v3 and ERFNet earlier test models; [U] FC "
                          "bias (the release has none), global average pool as "
                          "MEAN"),
    "efficientnet_lite2_260": ("EfficientNet-Lite2", "families (EfficientNet-Lite "
                               "at width <= 1.4, depth <= 1, <= 224 px); depth 1.2 "
                               "and 260 px new; EfficientNet-Lite0 and "
                               "EfficientNet-B0 earlier test models; no [U]"),
    "mobilenet_v2_0.35_96": ("MobileNet-v2 0.35", "detect / families (partly: "
                             "MobileNet-v2 alpha 0.35 at depth <= 0.5 in SSDLite "
                             "detectors, VWW MobileNet-v1 at 96 px); full depth, a "
                             "16-channel stem and the 1280 -> 1000 classifier new; "
                             "MobileNet-v2 1.4 an earlier test model; [U] 1000 "
                             "classes (the release has 1001)"),
    # held-out families XV (session 22)
    "bisenet_r18_512x256": ("BiSeNet-ResNet-18", "resnet (partly: basic blocks, at "
                            "CIFAR scale); a two-path net (a 7x7/2 + 3x3/2 spatial "
                            "path beside a ResNet-18 context path), attention "
                            "refinement gates (MEAN, 1x1, LOGISTIC, broadcast MUL), "
                            "nearest x2 up-sampling and a gated feature fusion new; "
                            "ResNet-18 and LinkNet (ResNet-18 encoder) earlier test "
                            "models; [U] global context by broadcast ADD (release: "
                            "nearest resize of the 1x1 map), x8 output as three "
                            "half-pixel x2 RESIZE_BILINEARs (release: one x8 with "
                            "align_corners), biases on every conv, auxiliary heads "
                            "left out, 19 classes, 512 x 256 (paper 2048 x 1024)"),
    "contextnet14_1024x512": ("ContextNet-14", "mbconv / families (partly: "
                              "MobileNet-v2 bottlenecks with RELU); a full-resolution "
                              "shallow branch of separable convs beside a deep branch "
                              "on the input pooled by 4, x4 fusion by ADD new; "
                              "Fast-SCNN (learning to down-sample, same fusion) an "
                              "earlier test model; [U] / 4 input down-sampling as two "
                              "2x2/2 average pools (paper: bilinear), x4 / x8 "
                              "RESIZE_BILINEARs without align_corners, SAME-padded "
                              "stems, t = 1 bottleneck with a 1x1 conv, 19 classes, "
                              "1024 x 512 (paper 2048 x 1024)"),
    "pspnet_mnv2_512": ("PSPNet-MobileNet-v2", "mbconv / families / detect (partly: "
                        "MobileNet-v2 inverted residuals); output stride 8 with "
                        "depthwise convs dilated 2 / 4 on 64 x 64 maps, a pyramid "
                        "pooling module (a cascade of 2x2/2 average pools, 1x1 convs, "
                        "x8 / x4 / x2 RESIZE_BILINEAR chains, a 640-channel "
                        "CONCATENATION, a 3x3 conv) new; DeepLabv3 / DeepLabv3+ "
                        "(output stride 16) and Fast-SCNN (pyramid pooling) earlier "
                        "test models; [U] bins 1, 2, 4, 8 (paper 1, 2, 3, 6) as "
                        "cascaded 2x2/2 pools, resize chains without align_corners, "
                        "first block of each dilated stage at the previous rate, "
                        "512 x 512 (release 473), 21 classes"),
    "fcn8s_vgg16_256": ("FCN-8s-VGG-16", "plain (partly: VGG configuration D at <= "
                        "160 px with flatten + FC); fc6 / fc7 as 7x7 / 1x1 convs of "
                        "4096 on an 8x8 map (119 M of the 134 M weights), 4x4/2 "
                        "TRANSPOSE_CONVs without bias and skip ADDs of pool4 / pool3 "
                        "scores new; VGG-16, U-Net and LinkNet earlier test models; "
                        "[U] the fixed x8 bilinear deconvolution as one "
                        "RESIZE_BILINEAR x8, SAME padding without the 100-pixel pad "
                        "and crops, 256 x 256"),
    # held-out families XVI (session 22)
    "resnet101_224": ("ResNet-101", "resnet (partly: bottleneck blocks, at CIFAR "
                      "scale); 23 bottlenecks at 14x14 x 1024 and 33 in all new; "
                      "ResNet-18 / -34 / -50 earlier test models; [U] stride on the "
                      "3x3 conv (torchvision's v1.5), not the first 1x1"),
    "mobilenet_v1_0.5_160": ("MobileNet-v1 0.5", "families (partly: the VWW "
                             "MobileNet-v1 at alpha <= 0.5, <= 128 px); 160 px and "
                             "the 512 -> 1000 classifier new; MobileNet-v1 1.0 an "
                             "earlier test model; [U] 1000 classes (the release has "
                             "1001)"),
    "darknet53_256": ("Darknet-53", "plain (partly: Darknet stacks with LEAKY_RELU); "
                      "residual 1x1 / 3x3 blocks with linear ADD, 3x3/2 "
                      "down-sampling convs at 256 px new; Darknet-19 and "
                      "Tiny-YOLOv3 earlier test models; [U] SAME padding of the "
                      "stride-2 convs (bottom / right), global average pool as MEAN"),
    "shufflenet_v1_g3_224": ("ShuffleNet-v1 (g = 3)", "shuffle (partly: the v2 channel "
                             "shuffle of 2 groups, channel SPLIT); grouped 1x1 convs "
                             "(SPLIT / CONV_2D / CONCATENATION), a 3-group shuffle, "
                             "AVERAGE_POOL_2D shortcuts concatenated in stride-2 units "
                             "new; ShuffleNet-v2 and FBNet-A (grouped 1x1 + shuffle) "
                             "earlier test models; [U] grouped convs as SPLIT / "
                             "CONV_2D / CONCATENATION, shuffle in the 4-D RESHAPE / "
                             "TRANSPOSE / RESHAPE form, SAME average pool excluding "
                             "padding, global average pool as MEAN"),
    # held-out families XVII (session 23, pre-registered: many operators writing
    # into one CONCATENATION)
    "vovnet27_slim_224": ("VoVNet-27-slim", "plain (partly: DenseNet-BC dense "
                          "CONCATENATION chains); one-shot aggregation (six maps, "
                          "five 3x3 convs of one chain, into ONE CONCATENATION, a 1x1 "
                          "conv) new; DenseNet-121 / -169, PeleeNet and HarDNet-68 "
                          "earlier test models; [U] classifier head (MEAN, FC) on the "
                          "detection backbone, SAME max pools (release: ceil_mode)"),
    "yolov5n_320": ("YOLOv5n (v6.0, COCO)", "plain (partly: Darknet stacks, route "
                    "CONCATENATIONs); C3 blocks, SiLU as x * LOGISTIC(x), SPPF (three "
                    "chained 5x5/1 max pools into one CONCATENATION of four), a 6x6/2 "
                    "stem and a PAN neck with three heads new; Tiny-YOLOv3, "
                    "YOLOv4-tiny and EfficientNet-B0 (swish) earlier test models; [U] "
                    "SAME padding of the stride-2 convs (bottom / right), Detect "
                    "decoding left out"),
    "unetpp_128": ("UNet++ (L4)", "upsample (partly: encdec draws 2-3 level UNets of "
                   "<= 256 channels with TRANSPOSE_CONV or RESIZE and concat skips); "
                   "nested dense skips (CONCATENATIONs of 2 ... 5 maps at one "
                   "scale), 15 nodes of 32-512 channels new; U-Net an earlier test "
                   "model; [U] SAME padding, 2x2/2 TRANSPOSE_CONV up-sampling, no deep "
                   "supervision, linear 1x1 head (sigmoid left out), 128 x 128 x 3"),
    "retinaface_mnet025_320": ("RetinaFace-MobileNet-0.25", "detect (partly: SSD heads "
                               "with RESHAPE and CONCATENATION); MobileNet-v1 0.25 "
                               "with LEAKY_RELU, an FPN (nearest x2 + ADD), SSH "
                               "context modules (three branches into one "
                               "CONCATENATION, RELU) and three outputs (box, class, "
                               "landmarks) new; MobileNet-v1 and SSD-MobileNet-v1 "
                               "earlier test models; [U] LEAKY_RELU 0.1 (the common "
                               "release), class SOFTMAX and prior decoding left out"),
    # held-out families XVIII (session 23, pre-registered)
    "se_resnet50_224": ("SE-ResNet-50", "resnet (partly: bottleneck blocks, at CIFAR "
                        "scale); squeeze-excite gates (MEAN, 1x1 conv RELU, 1x1 conv, "
                        "LOGISTIC, broadcast MUL) on 56 ... 7 px bottleneck branches "
                        "of 256 ... 2048 channels before the ADD new (mbconv draws SE "
                        "only inside MBConv blocks); ResNet-50 / -101 earlier test "
                        "models; [U] stride on the 3x3 conv (torchvision's v1.5; the "
                        "paper's Caffe release strides the first 1x1), SE FCs as 1x1 "
                        "convs, global average pools as MEAN"),
    "nin_224": ("Network-in-Network", "plain (partly: VGG-style conv stacks with max "
                "pools); mlpconv blocks (a 5x5 / 3x3 conv and two 1x1 convs of 96 ... "
                "1024 channels) and a 1000-channel RELU conv classifier averaged by "
                "MEAN new; AlexNet (the stride-4 stem) and SqueezeNet (conv classifier "
                "+ MEAN) earlier test models; [U] the 11x11/4 stem as space-to-depth "
                "by 4 (RESHAPE / TRANSPOSE / RESHAPE) and a 3x3 VALID conv, Caffe's "
                "ceil-mode first pool as SAME, dropout left out"),
    "spnasnet100_224": ("SPNASNet-100", "mbconv / families (partly: MBConv blocks with "
                        "kernels 3 / 5 / 7); MBConv3 / MBConv6 with RELU and no SE, "
                        "mixed kernels within a stage new in this layout; MnasNet-B1 "
                        "and ProxylessNAS-Mobile (close relatives) earlier test "
                        "models; [U] per-layer choices recalled, not read from the "
                        "paper's figure"),
    "efficientnet_edgetpu_s_224": ("EfficientNet-EdgeTPU-S", "mbconv / families "
                                   "(partly: MBConv blocks, EfficientNet-Lite without "
                                   "SE); fused MBConv (3x3 expansion convs of 8x, up "
                                   "to 256 channels at 56 px and 384 at 28 px) in "
                                   "the first three stages new; EfficientNet-B0 / "
                                   "-Lite2 earlier test models; [U] block list "
                                   "recalled from the release, first block's "
                                   "expansion 96 channels"),
    # held-out families XIX (session 23 addendum 3, pre-registered: SiLU networks
    # and a control)
    "yolov8n_320": ("YOLOv8n (COCO)", "plain / silu (partly: Darknet "
                    "stacks, route CONCATENATIONs, x * LOGISTIC(x) blocks); "
                    "C2f blocks (SPLIT, bottleneck outputs appended into one "
                    "CONCATENATION), SPPF, a lateral-free PAN neck and decoupled "
                    "box / class heads new; YOLOv5n an earlier test model; [U] SAME "
                    "padding of the stride-2 convs, DFL / decoding left out"),
    "yolox_nano_416": ("YOLOX-Nano (COCO)", "mbconv / silu (partly: "
                       "depthwise convs with x * LOGISTIC(x)); a Focus "
                       "stem as space-to-depth (RESHAPE / TRANSPOSE / RESHAPE), "
                       "depthwise CSP layers, SPP (5 / 9 / 13 parallel max pools), "
                       "PAFPN and decoupled heads new; YOLOv5n an earlier test model; "
                       "[U] Focus channel order, sigmoids / decoding left out"),
    "efficientnetv2_b0_224": ("EfficientNetV2-B0", "mbconv / silu (partly: "
                              "MBConv with SE, x * LOGISTIC(x)); fused "
                              "MBConv (3x3 expansion convs) with SiLU new; "
                              "EfficientNet-B0 and -EdgeTPU-S earlier test models; "
                              "[U] per-stage block strings recalled"),
    "mobileone_s0_224": ("MobileOne-S0", "families / dscnn (partly: "
                         "MobileNet-v1-like depthwise-separable stacks with "
                         "RELU); inference (re-parameterised) form at full 224 "
                         "resolution up to 1024 channels; MobileNet-v1 an earlier "
                         "test model; a control without SiLU; [U] widths and "
                         "blocks recalled"),
    # held-out families XX (session 24, pre-registered before they were built)
    "yolov7_tiny_416": ("YOLOv7-tiny (COCO)", "plain (partly: Darknet stacks with "
                        "standalone LEAKY_RELU 0.1, route CONCATENATIONs); ELAN-tiny "
                        "blocks (ONE CONCATENATION of four maps, two of which also "
                        "feed the next conv), SPPCSPC-tiny (5 / 9 / 13 max pools side "
                        "by side), a PAN neck with three heads new; Tiny-YOLOv3, "
                        "YOLOv4-tiny, YOLOv5n and YOLOX-Nano earlier test models; [U] "
                        "SAME padding of the stride-2 convs, implicit layers folded, "
                        "decoding left out"),
    "nanodet_m_320": ("NanoDet-m (COCO)", "shuffle (partly: ShuffleNet-v2 units with "
                      "SPLIT and the RESHAPE / TRANSPOSE / RESHAPE shuffle, RELU, at "
                      "<= 0.625 depth); LEAKY_RELU 0.1 in the units, full depth at "
                      "320, a PAN of bilinear x2 up- AND x1/2 down-resizing + ADD, "
                      "depthwise-separable LEAKY_RELU heads new; ShuffleNet-v2 1.0x "
                      "an earlier test model; [U] half-pixel bilinear resizes, SAME "
                      "stem padding, GFL split / decoding left out"),
    "dla34_224": ("DLA-34", "resnet (partly: basic blocks, at CIFAR scale); tree "
                  "aggregation roots (ONE CONCATENATION of 2-4 maps, block outputs "
                  "that also feed the next block, 1x1 conv RELU, no ADD), a 7x7 / "
                  "3x3 stem of 16 channels at 224 px, max-pooled residuals new; "
                  "ResNet-18 / -34 and DRN-C-26 earlier test models; [U] unused "
                  "release projections left out, one shared level-root max pool, "
                  "SOFTMAX added"),
    "pp_picodet_s_320": ("PP-PicoDet-S (COCO)", "shuffle / mbconv (partly: the "
                         "ShuffleNet-v2 split and shuffle; HARD_SWISH and SE, with a "
                         "LOGISTIC gate, inside MBConv); ES blocks (ghost-like "
                         "CONCATENATION of a 1x1 conv and its depthwise conv, "
                         "hard-sigmoid SE), a CSP-PAN with 5x5 depthwise convs and a "
                         "stride-64 level, four depthwise 5x5 heads new; MobileNet-v3 "
                         "and GhostNet earlier test models; [U] hard sigmoid as ADD / "
                         "RELU6 / MUL, SAME stem padding, decoding left out"),
    # held-out families XXI (session 24, pre-registered)
    "pp_lcnet_1.0_224": ("PP-LCNet", "mbconv / mobilenet (partly: "
                         "depthwise-separable stacks, standalone HARD_SWISH, "
                         "squeeze-excite); no inverted bottlenecks, 5x5 depthwise "
                         "convs of 256 / 512 channels at 14 / 7 px and a HARD_SWISH "
                         "FC of 1280 on the pooled vector new; MobileNet-v1 / -v3 "
                         "(hard-sigmoid SE gates) earlier test models; [U] hard "
                         "sigmoid as ADD (RELU6) and MUL, head conv as FC"),
    "mobilenetv4_conv_small_224": ("MobileNetV4-Conv-S", "mbconv (partly: inverted "
                                   "bottlenecks with fused RELU and residual ADD); "
                                   "Universal Inverted Bottlenecks with a depthwise "
                                   "conv before the expansion (ExtraDW, ConvNext), "
                                   "FusedIB 3x3/2 expansion convs and expansions 2 "
                                   "... 6 new in this layout; EfficientNet-EdgeTPU-S "
                                   "(fused MBConv) an earlier test model; [U] RELU on "
                                   "the FusedIB projections, head conv as FC"),
    "ghostnetv2_1.0_224": ("GhostNetV2", "mbconv / upsample (partly: depthwise "
                           "convs, squeeze-excite, nearest up-sampling); DFC "
                           "attention (2x2 AVERAGE_POOL, 1x1 conv, 1x5 and 5x1 "
                           "depthwise, LOGISTIC, RESIZE_NEAREST_NEIGHBOR x2 and 3 -> "
                           "7, MUL gate on the ghost module) new; GhostNet 1.0 / 1.3 "
                           "earlier test models; [U] DFC from the 3rd bottleneck (the "
                           "release), hard-sigmoid SE as GhostNet"),
    "hrnet_w18_small_224": ("HRNet-W18-Small-v1", "resnet (partly: basic and "
                            "bottleneck blocks, ADD with fused RELU); parallel "
                            "branches at 56 / 28 / 14 / 7 px joined by fuse layers "
                            "(1x1 conv + RESIZE_NEAREST_NEIGHBOR x2 / x4 / x8, "
                            "chains of 3x3/2 convs, ADD chains) and a head of 3x3/2 "
                            "convs up to 1024 channels ADDed to bottlenecks new; [U] "
                            "two basic blocks per branch (recalled config), one "
                            "resize per up-sampling"),
    # held-out families XXII (session 25, pre-registered)
    "snet146_320": ("ThunderNet SNet-146 + CEM", "shuffle (partly: ShuffleNet-v2 units "
                    "with SPLIT and the RESHAPE / TRANSPOSE / RESHAPE shuffle, 3x3 "
                    "depthwise, at <= 0.625 depth); 5x5 depthwise in every unit, "
                    "widths 132 / 264 / 528 at 320 px and the context enhancement "
                    "module (1x1 convs of C4 / C5, nearest x2 up-sampling, MEAN + 1x1 "
                    "conv ADDed by broadcast) new; ShuffleNet-v2 and NanoDet-m earlier "
                    "test models; [U] paper-style stride-2 units, SAME stem padding, "
                    "CEM conv before the up-sampling"),
    "lite_hrnet18_256x192": ("Lite-HRNet-18 (COCO pose)", "shuffle / upsample (partly: "
                             "SPLIT, shuffle, nearest resizes); conditional channel "
                             "weighting (2x2 average-pool cascades, CONCATENATION, 1x1 "
                             "convs, LOGISTIC, SPLIT_V, nearest x2-x8 resizes, MUL; "
                             "MEAN / 1x1 / LOGISTIC / MUL gates), four branches with "
                             "depthwise fuse layers, an iterative head, 986 ops new; "
                             "HRNet-W18-Small an earlier test model; [U] adaptive pools "
                             "as 2x2/2 cascades, half-pixel bilinear head resizes, the "
                             "release's doubled branch-0 fuse term"),
    "igcv3_d_1.0_224": ("IGCV3-D", "mbconv (partly: MobileNet-v2 inverted residuals, "
                        "RELU6); 2-group 1x1 convs as SPLIT / CONV_2D / CONCATENATION, "
                        "linear expansions, a 2-group and a C/2-group channel "
                        "permutation (RESHAPE / TRANSPOSE / RESHAPE) per block, 32 "
                        "blocks new; MobileNet-v2 1.4 and ShuffleNet-v1 earlier test "
                        "models"),
    "shuffleseg_512x256": ("ShuffleSeg (Cityscapes)", "upsample (partly: TRANSPOSE_CONV "
                           "x2 and resizes with skip ADDs); the ShuffleNet-v1 g = 3 "
                           "encoder (grouped 1x1 convs as SPLIT / CONV_2D / "
                           "CONCATENATION, 3-group shuffles) at 512 x 256 under an "
                           "FCN-8s skip decoder new; ShuffleNet-v1 and FCN-8s earlier "
                           "test models; [U] the 16x16/8 deconvolution as a "
                           "RESIZE_BILINEAR x8, SAME stem padding"),
    # held-out families XXIII (session 25, pre-registered)
    "repvgg_a0_224": ("RepVGG-A0", "plain (partly: VGG stacks of 3x3 convs with "
                      "fused RELU, MEAN + FC); 22 3x3 convs without a pool or ADD, "
                      "stride-2 convs in place of pools, 14 convs of 192 at 14 px "
                      "and a 3x3 conv to 1280 at 7 px (2.2 M weights) new; VGG-16 "
                      "and MobileOne-S0 (re-parameterised) earlier test models; [U] "
                      "SAME padding of the stride-2 convs"),
    "mobilenext_1.0_224": ("MobileNeXt 1.0", "mbconv / families (partly: depthwise "
                           "3x3 and 1x1 convs with RELU6, residual ADD); sandglass "
                           "blocks (the ADD between depthwise convs at the wide "
                           "end, a linear 1x1 reduction to 1/6 and a RELU6 1x1 "
                           "expansion in the middle) new; MobileNet-v2 earlier test "
                           "models; [U] the release's transition blocks and "
                           "reduced-width floor"),
    "repghostnet_1.0_224": ("RepGhostNet 1.0", "mbconv (partly: depthwise convs, "
                            "hard-sigmoid squeeze-excite, residual ADD); RepGhost "
                            "modules (1x1 conv, then a 3x3 depthwise conv of the "
                            "same width, no CONCATENATION) in GhostNet bottlenecks "
                            "new; GhostNet 1.0 / 1.3 and GhostNetV2 earlier test "
                            "models; [U] hard sigmoid as ADD (RELU6) and MUL, head "
                            "conv as FC"),
    "rexnet_1.0_224": ("ReXNet 1.0", "mbconv / silu (partly: MBConv with SE and a "
                       "LOGISTIC gate, x * LOGISTIC(x)); partial residuals (two "
                       "STRIDED_SLICEs, ADD, CONCATENATION) on channel counts off "
                       "the multiples of 8 (27, 38, ..., 185), RELU6 fused into the "
                       "SE's MUL new; EfficientNet-B0 and EfficientNetV2-B0 earlier "
                       "test models; [U] partial residual as STRIDED_SLICEs + ADD + "
                       "CONCATENATION, RELU6 fused into the MUL"),
    # held-out families XXIV, first half (session 25, pre-registered)
    "res2net50_26w4s_224": ("Res2Net-50 26w4s", "resnet (partly: ResNet-50's "
                            "bottlenecks and stem); each 3x3 split in 4 (SPLIT) "
                            "with hierarchical 3x3 convs and ADDs between the "
                            "splits, CONCATENATION, average-pooled last split in "
                            "the first block of a stage new; ResNet-50 and "
                            "SE-ResNet-50 earlier test models; [U] SAME padding, "
                            "average pool excluding the padding"),
    "regnetx_200mf_224": ("RegNetX-200MF", "resnet (partly: bottleneck blocks with "
                          "projection shortcuts, ADD RELU); group-width-8 3x3 convs "
                          "as SPLIT into 3 ... 46 groups / CONV_2D / CONCATENATION "
                          "(408 convs of 8 channels) new; ResNet-50 and ShuffleNet-"
                          "v1 (grouped 1x1 convs) earlier test models; [U] grouped "
                          "convs as SPLIT / CONV_2D / CONCATENATION, SAME padding"),
    "espnetv2_1.0_224": ("ESPNetV2 1.0", "upsample (partly: PRELU, dilated convs, "
                         "hierarchical ADD fusion); EESP units (grouped 1x1 convs as "
                         "SPLIT / CONV_2D / CONCATENATION, four dilated 3x3 "
                         "depthwise branches, strided and dilated at once in the "
                         "down-samplers), average-pool shortcuts and input "
                         "reinforcement new; ESPNet and ShuffleNet-v1 earlier test "
                         "models; [U] the batch norm after the branches' "
                         "CONCATENATION left out (standalone PRELU), depthwise "
                         "biases, SAME average pools"),
    "blazeface_128": ("BlazeFace (front)", "detect (partly: SSD heads with RESHAPE "
                      "and CONCATENATION); single and double BlazeBlocks (5x5 "
                      "depthwise convs, zero channel PAD and 2x2 max-pool "
                      "shortcuts) at 128 x 128, 896 anchors on two maps new; "
                      "RetinaFace-MobileNet-0.25 and SSD-MobileNet-v1 earlier test "
                      "models; [U] the paper's Table 4 (not the MediaPipe release's "
                      "3x3 single blocks), RELU inside double blocks, SAME padding, "
                      "scores without LOGISTIC"),
    # held-out families XXIV, second half (session 25, pre-registered)
    "centernet_r18_512": ("CenterNet-ResNet-18", "resnet / upsample (partly: ResNet-18 "
                          "basic blocks; encdec TRANSPOSE_CONV up-sampling); three "
                          "4x4/2 TRANSPOSE_CONVs (RELU) to 128x128 and three 3x3 + "
                          "1x1 heads (80 / 2 / 2) there new; ResNet-18 and BiSeNet "
                          "earlier test models; [U] the deformable 3x3 convs as "
                          "plain ones, heatmap sigmoid and decoding left out"),
    "ddrnet23_slim_1024x512": ("DDRNet-23-slim", "resnet (partly: basic blocks); two "
                               "branches with bilateral fusion (strided 3x3 convs, 1x1 "
                               "+ bilinear x2 / x4, ADD), a DAPPM (average-pool "
                               "pyramid, broadcast resize from 1x1, hierarchical ADDs "
                               "into 3x3 convs, one CONCATENATION) new; ResNet-18 "
                               "and PSPNet earlier test models; [U] pre-activation "
                               "batch norms left out, 9x9/4 and 17x17/8 pools as "
                               "cascades of 5x5/2, output at 1/8"),
    "lraspp_mnv3_large_512": ("LR-ASPP MobileNetV3-Large", "mbconv (partly: SE, "
                              "hard-swish); dilated 5x5 depthwise convs at 1/16, "
                              "the LR-ASPP head (1x1 RELU branch times a pooled "
                              "LOGISTIC gate, bilinear x2, two 1x1 classifiers ADDed) "
                              "new; MobileNet-v3 Large an earlier test model; [U] "
                              "torchvision's 1/8 tap, output at 1/8"),
    "efficientdet_d0_512": ("EfficientDet-D0", "mbconv / silu (partly: EfficientNet-B0 "
                            "MBConv with SE, x * LOGISTIC(x)); P6 / P7 max pools, "
                            "three BiFPN layers (constant-weight MUL + ADD fusion, "
                            "swish, separable convs, nearest x2, 3x3/2 max pools), "
                            "class / box nets on five levels (ten outputs) new; "
                            "EfficientNet-B0 and RetinaFace (FPN) earlier test "
                            "models; [U] fusion weights folded to constants, "
                            "decoding and NMS left out"),
    # held-out families XXV, first half (session 26, pre-registered)
    "resnext50_32x4d_224": ("ResNeXt-50 32x4d", "resnet (partly: ResNet-50's "
                            "bottlenecks, stem and head); 3x3 convs grouped in 32 as "
                            "SPLIT / 32 CONV_2D of 4 ... 32 channels / CONCATENATION "
                            "(512 single-group convs) new; ResNet-50 and RegNetX-200MF "
                            "earlier test models; [U] grouped convs as SPLIT / CONV_2D "
                            "/ CONCATENATION, SAME padding"),
    "nasnet_a_mobile_224": ("NASNet-A Mobile", "none (searched normal and reduction "
                            "cells: stacked separable 3x3 / 5x5 / 7x7 convs with "
                            "standalone RELUs, average / max pools, five ADDs and a "
                            "CONCATENATION a cell, factorized reductions with PAD / "
                            "STRIDED_SLICE); Xception (separable convs) an earlier "
                            "test model; [U] the TF-slim graph, one RELU a separable "
                            "op, SAME padding"),
    "dpn68_224": ("DPN-68", "resnet / plain (partly: bottlenecks; dense "
                  "CONCATENATION chains); dual path blocks (a 1x1 output sliced by "
                  "STRIDED_SLICEs into a residual ADD and a dense CONCATENATION), 3x3 "
                  "convs grouped in 32 as SPLIT / CONV_2D / CONCATENATION new; "
                  "ResNeXt-50 and DenseNet-121 earlier test models; [U] pre-activation "
                  "batch norms left out (standalone RELU), grouped convs split"),
    "pfld_0.25_112": ("PFLD 0.25X", "mbconv (partly: MobileNet-v2 inverted residuals "
                      "at width 0.25); multi-scale head (two MEANs and a 7x7 VALID "
                      "conv concatenated into an FC to 196 landmark values, no "
                      "SOFTMAX) new; MobileFaceNet (112 face model) an earlier test "
                      "model; [U] widths x 0.25 unrounded, RELU, residual ADD on all "
                      "six t = 4 blocks"),
    # held-out families XXV, second half (session 26, pre-registered)
    "bisenetv2_1024x512": ("BiSeNet V2", "upsample (partly: bilinear head, LOGISTIC "
                           "gates); detail / semantic branches, stem block, gather-"
                           "and-expand layers (depthwise expansion x6 as "
                           "CONCATENATION of six copies + DEPTHWISE_CONV_2D), context "
                           "embedding (broadcast ADD), bilateral guided aggregation "
                           "(two LOGISTIC-gated MULs, nearest x4) new; BiSeNet (v1) "
                           "an earlier test model; [U] expansion as concat + "
                           "depthwise, nearest x4 in the aggregation, head x8 "
                           "without half-pixel centres, booster heads left out"),
    "stdc1_seg_1024x512": ("STDC1-Seg", "upsample (partly: BiSeNet head); STDC "
                           "modules (1x1 then three 3x3 convs halving the width, "
                           "CONCATENATION of all four, depthwise 3x3/2 and 3x3/2 "
                           "average pool in stride-2 modules) new; BiSeNet (v1) on "
                           "ResNet-18 an earlier test model (the same decoder); [U] "
                           "global context broadcast-ADDed, x8 as three half-pixel "
                           "x2, detail and auxiliary heads left out"),
    "u2netp_320": ("U2-NetP", "upsample (partly: bilinear x2, CONCATENATION "
                   "skips); nested residual U-blocks (RSU-7 ... RSU-4F: 2x2 max "
                   "pools, half-pixel x2, dilated 3x3 convs of rates 2 / 4 / 8), six "
                   "side maps up-sampled x2 ... x32 and fused by a 1x1 conv + "
                   "LOGISTIC new; U-Net and UNet++ earlier test models; [U] only the "
                   "fused map output, side up-sampling by x8 / x4 / x2 chains"),
    "carn_m_x2_64": ("CARN-M", "sesr (partly: SR on a 64 x 64 tile, TRANSPOSE_CONV "
                     "depth-to-space); efficient residual blocks with grouped 3x3 "
                     "convs (SPLIT / 4 CONV_2D / CONCATENATION), local and global "
                     "cascading (CONCATENATIONs of growing width into 1x1 convs) on "
                     "RGB new; SESR, FSRCNN and EDSR earlier test models; [U] pixel "
                     "shuffle as one-hot TRANSPOSE_CONV, shared block weights as "
                     "separate constants, mean shift left out"),
    # held-out families XXVI, part a (session 26, pre-registered)
    "inception_resnet_v2_299": ("Inception-ResNet-v2", "none (inception branches "
                                "with 1x7 / 7x1 and 1x3 / 3x1 convs, conv / pool "
                                "reduction concats); residual inception blocks (a "
                                "CONCATENATION of 2-3 branches into a linear 1x1 "
                                "up-projection ADDed to the block input) new; "
                                "Inception-v3 / -v4 earlier test models; [U] the "
                                "release's widths with the paper's 5 / 10 / 5 "
                                "blocks, residual scales folded into the 1x1"),
    "selecsls42b_224": ("SelecSLS-42B", "plain (partly: plain 3x3 / 1x1 stacks, "
                        "CONCATENATIONs); SelecSLS modules (three 3x3 outputs of an "
                        "interleaved 3x3 / 1x1 chain concatenated with the pair's "
                        "first output, 1x1 fusion) and a 3x3 head of up to 1280 "
                        "channels on 7x7 / 4x4 new; VoVNet-27-slim an earlier test "
                        "model; [U] the release's widths and head"),
    "vovnet39_224": ("VoVNet-39", "plain (partly: DenseNet-BC dense CONCATENATION "
                     "chains); OSA modules of 128-224 channels, two a stage in "
                     "stages 4-5 new; VoVNet-27-slim (the same module, one a stage) "
                     "an earlier test model; [U] classifier head on the detection "
                     "backbone, SAME max pools"),
    "hardnet39ds_224": ("HarDNet-39DS", "plain (partly: DenseNet-BC CONCATENATION "
                        "chains); harmonic links with depthwise-separable layers "
                        "(1x1 RELU6 + linear 3x3 depthwise), depthwise 3x3/2 "
                        "down-sampling, m = 1.6 new; HarDNet-68 an earlier test "
                        "model; [U] RELU6 / linear depthwise as the release"),
    # held-out families XXVI, part b (session 26, pre-registered)
    "enet_512": ("ENet", "upsample (partly: TRANSPOSE_CONV decoder, nearest x2); "
                 "initial block (3x3/2 conv and 2x2/2 max pool concatenated), "
                 "bottlenecks with standalone PRELUs, dilated 2 ... 16 and "
                 "asymmetric 5x1 / 1x5 convs, downsampling shortcuts as SPLIT_V / "
                 "ADD / CONCATENATION new; ERFNet an earlier test model; [U] "
                 "max-unpooling as nearest x2, channel zero-padding as SPLIT_V + "
                 "ADD, RELU decoder"),
    "pp_liteseg_t_1024x512": ("PP-LiteSeg-T", "upsample (partly: STDC1 backbone, "
                              "bilinear x2 / x8); SPPM (pooled bins broadcast / "
                              "resized and ADDed), UAFMs with spatial attention "
                              "(channel MEANs, 3x3 convs, LOGISTIC, SUB / MUL / ADD "
                              "blend) new; STDC1-Seg an earlier test model; [U] "
                              "channel max left out, SPPM bins 2x4 / 4x8"),
    "lw_openpose_368": ("Lightweight OpenPose", "mbconv / plain (partly: MobileNet-v1 "
                        "depthwise-separable blocks); dilated depthwise conv, CPM "
                        "(separable blocks + ADD), initial and refinement stages "
                        "with dilated residual blocks and two outputs (19 heatmaps, "
                        "38 PAFs) new; MobileNet-v1 an earlier test model; [U] ELU "
                        "as RELU, initial-stage outputs not graph outputs"),
    "simplebaseline_r18_256x192": ("SimpleBaseline ResNet-18", "resnet (partly: "
                                   "ResNet-18 stem and basic blocks); three 4x4/2 "
                                   "TRANSPOSE_CONVs of 256 RELU and a 1x1 conv to 17 "
                                   "heatmaps new; ResNet-18 and CenterNet-ResNet-18 "
                                   "earlier test models; [U] ResNet-18 backbone, "
                                   "SAME transposed convs"),
    # held-out families XXVI, part c (session 26, pre-registered)
    "retinanet_r50_fpn_512": ("RetinaNet ResNet-50-FPN", "resnet (partly: ResNet-50's "
                              "bottlenecks and stem); FPN P3-P7 (1x1 laterals, "
                              "nearest x2 + ADD, 3x3 outputs, P6 / P7 3x3/2 convs on "
                              "C5 / RELU(P6)), class / box subnets of four 3x3 convs "
                              "of 256 on five levels (720 / 36 channels, ten outputs) "
                              "new; ResNet-50, EfficientDet-D0 and RetinaFace earlier "
                              "test models; [U] shared subnet weights as separate "
                              "constants, sigmoid and decoding left out"),
    "yolo_fastest_1.1_320": ("YOLO-Fastest 1.1 (COCO)", "mbconv (partly: inverted "
                             "residuals with 1x1 / 3x3 depthwise / linear 1x1 and "
                             "ADD); standalone LEAKY_RELU 0.1 after every expansion "
                             "and depthwise conv, SPP (3 / 5 / 9 max pools), two "
                             "heads of 5x5 depthwise + 1x1 convs with nearest x2 + "
                             "CONCATENATION new; Tiny-YOLOv3 and YOLOv5n earlier test "
                             "models; [U] dropout left out, SAME padding, YOLO "
                             "decoding left out"),
    "scrfd_500m_640": ("SCRFD-500M", "detect (partly: SSD heads with RESHAPE and "
                       "CONCATENATION on a MobileNet-v1-style body); PAFPN of 16 "
                       "channels (top-down nearest x2 + ADD, bottom-up 3x3/2 + "
                       "ADD), shared depthwise-separable head towers of 64 on "
                       "strides 8 / 16 / 32 with 2 anchors (16,800 at 640) new; "
                       "RetinaFace-MobileNet-0.25 an earlier test model; [U] head "
                       "group norm as folded batch norm, stride-shared weights "
                       "separate, sigmoid and decoding left out"),
    "ultraface_rfb_320x240": ("UltraFace RFB-320", "detect (partly: SSD heads with "
                              "separable convs, RESHAPE and CONCATENATION); a "
                              "receptive field block (three branches with 3x3 convs "
                              "dilated 2 / 3 / 5 into one CONCATENATION, 1x1 + 1x1 "
                              "shortcut ADD) at 40 x 30, 4420 anchors on four maps, "
                              "SOFTMAX scores new; SSDLite and RetinaFace earlier "
                              "test models; [U] RFB widths recalled, prior decoding "
                              "left out, SAME padding"),
    # held-out families XXVI, part d (session 26, pre-registered)
    "tc_resnet8_98x40": ("TC-ResNet8", "kws (partly: MFCC in, FC 12 + SOFTMAX); "
                         "1-D temporal convs (1 x 3 / 1 x 9 CONV_2D on a 1 x 98 map "
                         "of 40 channels, stride (1, 2)), residual ADDs with 1x1/2 "
                         "projections new; ResNet-18 an earlier test model; [U] "
                         "first conv with RELU, RELU on the shortcut, SAME padding"),
    "matchboxnet_3x1x64": ("MatchboxNet 3x1x64", "kws / dscnn (partly: MFCC in, "
                           "separable convs); 1-D time-channel separable convs (1 x "
                           "11 ... 1 x 29 DEPTHWISE_CONV_2D, one dilated 2, on a 1 x "
                           "128 map of 64 channels), 1x1 residual ADDs, 1x1 "
                           "classifier + MEAN new; DS-CNN an earlier test model; "
                           "[U] prologue stride 2, no depthwise activation, SAME "
                           "padding"),
    "res15_kws_101x40": ("Res15", "kws / resnet (partly: MFCC in, residual ADDs); "
                         "thirteen 3x3 convs of 45 channels at full 101 x 40 "
                         "resolution with dilations 1 ... 16, no pooling new; "
                         "ResNet-18 an earlier test model; [U] batch norm folded "
                         "before the RELU (published after it)"),
    "ad_autoencoder_640": ("MLPerf Tiny AD autoencoder", "kws (partly: the DNN's FC "
                           "+ RELU stacks); a 640 -> 128 x 4 -> 8 -> 128 x 4 -> 640 "
                           "FC autoencoder with no SOFTMAX and a 640-wide output new; "
                           "MicroNets AD (conv) an earlier test model; [U] batch norm "
                           "folded into the FCs"),
    # held-out families XXVII, part a (session 26, pre-registered)
    "mobilenet_v1_0.25_96_vww": ("MLPerf Tiny VWW MobileNet-v1 0.25", "families "
                                 "(same family: the space's vww draws this "
                                 "configuration, with AVERAGE_POOL + RESHAPE); MEAN "
                                 "head new there; MobileNet-v1 1.0 and 0.5 earlier "
                                 "test models; [U] RELU, MEAN head"),
    "resnet8_cifar": ("MLPerf Tiny ResNet-8", "families / resnet (same family: the "
                      "space's resnet8 draws this configuration, with AVERAGE_POOL "
                      "+ RESHAPE); MEAN head new there; CIFAR ResNet-20 an earlier "
                      "test model; [U] MEAN head, batch norm folded"),
    "lenet5_32": ("LeNet-5", "plain (partly: conv + 2x2 max pool stacks, flatten + "
                  "FC); 5x5 VALID convs of 6 / 16 channels on a 1-channel 32 x 32 "
                  "map, FC 400 -> 120 -> 84 -> 10 new; VGG-11 (CIFAR) an earlier "
                  "test model; [U] RELU and max pools (published: scaled tanh, "
                  "trainable subsampling), C3 fully connected, FC + SOFTMAX output"),
    "tiny_conv_49x40": ("TF Micro speech tiny_conv", "kws (partly: a conv on the "
                        "MFCC / filterbank map, flatten + FC + SOFTMAX); one 10x8/2 "
                        "conv of 8 and a 4000 -> 4 FC new; CRNN / GRU-KWS earlier "
                        "test models; [U] 4 classes (micro_speech), CONV_2D for the "
                        "converter's depth-multiplier-8 DEPTHWISE_CONV_2D"),
    # held-out families XXVII, part b (session 26, pre-registered)
    "magic_wand_128x3": ("TFLM magic wand", "kws (partly: conv + pool + FC stacks, "
                         "SOFTMAX); a 128 x 3 x 1 accelerometer input, 4x3 / 4x1 "
                         "convs of 8 / 16 channels, 3x3 / 3x1 max pools, a 224 -> 16 "
                         "-> 4 FC head new; PilotNet an earlier test model; [U] layer "
                         "list recalled, pool paddings"),
    "ecg_cnn_187": ("Kachuee ECG CNN", "kws / resnet (partly: 1-D convs, residual "
                    "ADDs); five residual blocks of 1 x 5 CONV_2D on a 1 x 187 map "
                    "of 32 channels, each ending in a 1 x 5/2 max pool, FC 32 x 2 "
                    "+ 5 new; TC-ResNet8 an earlier test model; [U] SAME convs, "
                    "VALID pools, linear second FC"),
    "fomo_mnv2_0.35_96": ("Edge Impulse FOMO", "detect / families (partly: "
                          "MobileNet-v2 0.35 inverted residuals); the backbone cut "
                          "at block 6's expansion (12 x 12 x 96), a 1x1 RELU + 1x1 "
                          "classifier with a per-cell SOFTMAX on a 12 x 12 x 2 map "
                          "new; MobileNet-v2 0.35 an earlier test model; [U] SAME "
                          "padding, 3 input channels, 2 classes"),
    "cnn_trad_fpool3_98x40": ("cnn-trad-fpool3", "kws (partly: log-mel in, conv + "
                              "FC, SOFTMAX 12); 20x8 and 10x4 VALID convs of 64, a "
                              "1x3 frequency max pool, a 35840 -> 32 linear low-rank "
                              "FC new; DS-CNN an earlier test model; [U] pool stride "
                              "3, VALID convs, 98 frames / 12 classes"),
    # held-out families XXVIII, part a (session 27, pre-registered); overlaps with the
    # tiny space as revised before training (PREREGISTERED.md s27, addendum 1)
    "low_latency_conv_49x40": ("TF speech low_latency_conv", "tiny (partly: a conv "
                               "on a 49 x 40 x 1 map, flatten, linear FCs of 128, "
                               "FC 12, SOFTMAX); the whole-time-axis 49 x 8 kernel "
                               "and 186 filters new; tiny_conv an earlier test "
                               "model; [U] 49 frames, 12 classes, the map input"),
    "tiny_embedding_conv_49x40": ("TF speech tiny_embedding_conv", "tiny (partly: "
                                  "the first 10x8/2 SAME conv of 8, flatten, FC 12, "
                                  "SOFTMAX); the second conv's stride 8 new (the "
                                  "space strides 1 or 2); tiny_conv an earlier test "
                                  "model; [U] 49 frames, 12 classes, the map input"),
    "single_fc_49x40": ("TF speech single_fc", "tiny (partly: a flat input, FC, "
                        "SOFTMAX); 1960 inputs new (the space's flat sizes skip it); "
                        "kws's dnn has 2-4 hidden FCs; [U] 49 x 40, 12 classes"),
    "cnn_one_fstride4_32x40": ("cnn-one-fstride4", "tiny (partly: a VALID conv on "
                               "32 x 40, flatten, FCs of 128, FC 12, SOFTMAX); the "
                               "whole-time-axis kernel, 186 filters and frequency "
                               "stride 4 new; cnn-trad-fpool3 an earlier test "
                               "model; [U] 12 classes, VALID"),
    "cnn_tpool2_32x40": ("cnn-tpool2", "tiny / kws (partly: conv + max pool + conv, "
                         "a linear low-rank FC, FC 128 RELU, SOFTMAX 12); a 21x8 "
                         "conv of 94, a 2x3 max pool and a 6x4 conv of 94 new (the "
                         "space's kernel heights skip 21, its pools are square); "
                         "cnn-trad-fpool3 an earlier test model; [U] VALID, pool "
                         "stride = window, 12 classes"),
    "ei_kws_conv1d_50x13": ("Edge Impulse KWS 1-D CNN", "tiny (partly: 1 x k convs "
                            "+ max pools on a 1 x T map, flatten, FC, SOFTMAX); a "
                            "flat 650 input RESHAPEd to 1 x 50 x 13, SAME 1 x 2 max "
                            "pools new (the space's flat sizes skip 650, its pools "
                            "are VALID); magic wand / ECG CNN earlier test models; "
                            "[U] 4 classes, SAME pools, layer list recalled"),
    # held-out families XXVIII, part b (session 27, pre-registered)
    "lenet_300_100_784": ("LeNet-300-100", "tiny / kws (partly: FC + RELU stacks on "
                          "a flat input, SOFTMAX); 784 inputs and 300 / 100 wide "
                          "new; the MLPerf Tiny AD autoencoder an earlier test "
                          "model; [U] RELU, SOFTMAX output"),
    "keras_mnist_convnet_28": ("Keras simple MNIST convnet", "tiny (same "
                               "configuration: 28 x 28 x 1, 3x3 VALID RELU convs of "
                               "32 / 64 each with a 2x2 max pool, flatten, FC 10, "
                               "SOFTMAX); LeNet-5 an earlier test model; [U] "
                               "dropout left out"),
    "cifar10_quick_32": ("Caffe cifar10_quick", "tiny / plain (partly: conv + pool "
                         "stacks, flatten + FC); 3/2 max and average pools (the "
                         "space's pools stride by their size) new; ResNet-8 (CIFAR) "
                         "an earlier test model; [U] SAME pools for Caffe's ceil "
                         "rounding, relu1 fused before pool1"),
    "keras_cifar10_cnn_32": ("Keras cifar10_cnn", "tiny (same configuration: 32 x "
                             "32 x 3, SAME / VALID 3x3 RELU conv pairs of 32 and 64 "
                             "with 2x2 max pools, flatten, FC 512 RELU, FC 10, "
                             "SOFTMAX); VGG-11 (CIFAR) an earlier test model; [U] "
                             "dropouts left out"),
    "har_cnn1d_128x9": ("UCI-HAR 1-D CNN", "tiny / kws (partly: 1 x 3 VALID convs of "
                        "64 on a 1 x 128 map of 9 channels, a 1 x 2 max pool, "
                        "flatten, FC, SOFTMAX); the FC of 100 new (the space's "
                        "widths skip it); the ECG CNN an earlier test model; [U] "
                        "[1, 1, T, C] layout, dropout left out"),
    "keras_mnist_mlp_784": ("Keras mnist_mlp", "tiny / kws (partly: FC + RELU "
                            "stacks of 512 on a flat input, FC 10, SOFTMAX); 784 "
                            "inputs new; LeNet-300-100 a sibling; [U] dropouts "
                            "left out"),
    # held-out families XXIX, part a (session 27 addendum 2, pre-registered); no
    # space draws any of them exactly (tiny has no ADD and at most 12 operators)
    "res8_kws_101x40": ("Res8", "kws / resnet (partly: MFCC in, 3x3 convs with "
                        "identity ADDs, MEAN + FC 12 + SOFTMAX); 45 maps on a 101 x "
                        "40 x 1 map, a 4x3 average pool, ADDs without RELU new (the "
                        "resnet space's inputs are square RGB, its widths 8 ... 64 "
                        "doubling with stride-2 stages; tiny has no ADD, no 45 "
                        "filters); Res15 an earlier test model; [U] batch norm "
                        "folded before the RELU, pool stride = window"),
    "res8_narrow_kws_101x40": ("Res8-narrow", "kws / resnet (partly: as Res8); 19 "
                               "maps new (no space draws 19 filters); Res8 a "
                               "sibling, Res15 an earlier test model; [U] as Res8"),
    "tc_resnet14_98x40": ("TC-ResNet14", "kws (partly: MFCC in, FC 12 + SOFTMAX); "
                          "six residual blocks of 1 x 9 CONV_2D on a 1 x 98 map of "
                          "40 channels (24, 24, 32, 32, 48, 48; identity shortcuts "
                          "on the stride-1 blocks) new; TC-ResNet8 an earlier test "
                          "model; [U] first conv with RELU, RELU on the projection "
                          "shortcuts, SAME padding"),
    "matchboxnet_3x2x64": ("MatchboxNet 3x2x64", "kws / dscnn (partly: MFCC in, "
                           "separable convs); two 1 x 13 / 15 / 17 time-channel "
                           "separable sub-blocks a block (the dscnn space's "
                           "depthwise kernels are 3x3, it has no ADD) new; "
                           "MatchboxNet 3x1x64 an earlier test model; [U] as 3x1x64 "
                           "(prologue stride 2, no depthwise activation, SAME)"),
    # held-out families XXIX, part b (session 27 addendum 2, pre-registered); no
    # training space draws any in its exact configuration
    "hello_world_sine_1": ("TFLM hello_world sine", "tiny / kws (partly: FC 16 RELU "
                           "stacks on a flat input); a 1-value input and a 1-wide "
                           "linear output without SOFTMAX new (the space's flat "
                           "sizes start at 64, its classes at 2); the MLPerf Tiny AD "
                           "autoencoder an earlier test model; no [U] choice"),
    "lenet1_28": ("LeNet-1", "tiny (partly: 28 x 28 x 1, 5x5 VALID RELU convs, 2x2 "
                  "average pools, flatten, FC 10, SOFTMAX; its first conv of 4 "
                  "drawn); the second conv's 12 filters new (the space's filters "
                  "skip 12); LeNet-5 an earlier test model; [U] RELU for tanh, the "
                  "second conv fully connected, SOFTMAX output"),
    "lenet4_32": ("LeNet-4", "tiny (partly: 32 x 32 x 1, 5x5 VALID RELU convs of 4 "
                  "and 16, 2x2 average pools, flatten, FC 10, SOFTMAX); the hidden "
                  "FC of 120 new (the space's widths skip it); LeNet-5 an earlier "
                  "test model; [U] RELU for tanh, VALID, SOFTMAX output"),
    "all_cnn_c_32": ("All-CNN-C", "plain / tiny (partly: 3x3 SAME RELU convs of 96 / "
                     "192 on 32 x 32 x 3, MEAN, SOFTMAX); stride-2 convs in place of "
                     "pools, a 3x3 VALID and 1x1 convs before the MEAN new (VGG "
                     "stacks stride 1 with max pools; tiny draws 4 convs at most, "
                     "of filters skipping 96 / 192, under 100 M MACs); VGG-11 "
                     "(CIFAR) an earlier test model; [U] SAME pad, RELU on all 9"),
    "keras_timeseries_fcn_500": ("Keras FordA FCN", "tiny (partly: 1 x 3 SAME RELU "
                                 "convs of 64 on a 1 x T map of 1 channel, MEAN, FC "
                                 "2, SOFTMAX); 500 time steps new (the space's T "
                                 "{64, 128, 187, 256}); the ECG CNN an earlier test "
                                 "model; [U] [1, 1, T, C] layout, BatchNorm folded"),
    "keras_mnist_autoencoder_784": ("Keras blog MNIST autoencoder", "tiny / kws "
                                    "(partly: a flat input, FC 32 RELU); 784 inputs, "
                                    "a 784-wide FC and a LOGISTIC output new (tiny "
                                    "and kws end in SOFTMAX or a linear FC; only the "
                                    "recurrent space's GRU gates put a LOGISTIC on "
                                    "an FC); the MLPerf Tiny AD autoencoder an "
                                    "earlier test model; [U] LOGISTIC standalone"),
    # held-out families XXX, part a (session 28, pre-registered); no training space
    # draws any of them exactly
    "bc_resnet1_40x101": ("BC-ResNet-1", "kws / silu (partly: a spectrogram in, "
                          "depthwise convs, swish as LOGISTIC + MUL, ADDs, MEAN + FC "
                          "12 + SOFTMAX); a MEAN over frequency only, the broadcast "
                          "ADD of a 1 x T map onto F x T, 3x1 / 1x3 depthwise convs "
                          "and per-band MUL / ADD constants new (every space's MEAN "
                          "is over H, W; tiny has no ADD and at most 12 ops: this "
                          "has 127); MatchboxNet an earlier test model; [U] "
                          "SubSpectralNorm as MUL + ADD, PAD + VALID classifier "
                          "depthwise, SOFTMAX appended"),
    "cnn_one_fpool3_32x40": ("cnn-one-fpool3", "tiny (partly: a VALID RELU conv on "
                             "32 x 40 x 1, a 1 x 3 max pool, flatten, a linear FC "
                             "32, FCs 128 RELU, FC 12, SOFTMAX); 54 filters and the "
                             "whole-time-axis 32 x 8 kernel new (the space's "
                             "filters skip 54, its kernel heights stop at 20); "
                             "cnn-one-fstride4 an earlier test model; [U] VALID, "
                             "12 classes, pool stride = window"),
    "res15_narrow_kws_101x40": ("Res15-narrow", "kws / resnet (partly: as Res15); "
                                "19 maps with dilated 3x3 convs new (no space draws "
                                "19 filters or dilation on 101 x 40 x 1; tiny has no "
                                "ADD); Res15 and Res8-narrow earlier test models; "
                                "[U] as Res15"),
    "tc_resnet8_1.5_98x40": ("TC-ResNet8-1.5", "kws (partly: MFCC in, FC 12 + "
                             "SOFTMAX); 1 x 9 CONV_2D residual blocks of 36 / 48 / "
                             "72 on a 1 x 98 map of 40 channels new (tiny's filters "
                             "skip 24 / 36 / 72, its kernel widths 9; no ADD); "
                             "TC-ResNet8 an earlier test model; [U] as TC-ResNet8"),
    "stm32_har_ign_24x3": ("STM32 model zoo IGN", "tiny (partly: a sensor window as "
                           "T x C x 1, a VALID RELU conv, a max pool, flatten, FC, "
                           "FC 4, SOFTMAX); a 24-sample window, 24 filters, a 16 x 1 "
                           "kernel and a 3 x 1 pool new (the space's T {64, 128, "
                           "187, 256}, kernel heights skip 16, pools are square); "
                           "the UCI-HAR 1-D CNN an earlier test model; [U] RELU "
                           "fused, VALID pool"),

    # held-out families XXX, part b (session 28, pre-registered); tiny draws the
    # Fashion-MNIST MLP's configuration (on [1, 28, 28, 1]), none of the others
    "caffe_lenet_mnist_28": ("Caffe MNIST LeNet", "tiny (partly: 28 x 28 x 1, 5x5 "
                             "VALID linear convs, 2x2 max pools, flatten, FC RELU, "
                             "FC 10, SOFTMAX); 20 / 50 filters and the FC of 500 new "
                             "(the space's filters skip 20 and 50, its widths 500); "
                             "LeNet-5 and the Keras MNIST convnet earlier test "
                             "models; [U] NHWC flatten"),
    "resnet20_cifar_32": ("CIFAR ResNet-20 (option A)", "resnet (partly: the space "
                          "draws this 3x3 stem of 16 and 3 x 3 basic blocks of 16 / "
                          "32 / 64 at 32 x 32 x 3, MEAN, FC 10, with 1x1 projection "
                          "shortcuts: the earlier test model resnet20_cifar); the "
                          "STRIDED_SLICE + channel PAD shortcuts and the SOFTMAX new "
                          "(no space pads channels or slices with stride 2); [U] "
                          "option A as slice + PAD of 8 / 16 maps each side, batch "
                          "norm folded"),
    "simard_mlp_800_784": ("Simard et al. MLP", "tiny / kws (partly: a flat input, "
                           "FC, FC 10, SOFTMAX); 784 inputs, the FC of 800 and a "
                           "LOGISTIC hidden activation new (flat sizes skip 784, "
                           "widths skip 800; only the recurrent space's GRU gates put "
                           "a LOGISTIC on an FC); LeNet-300-100 an earlier test "
                           "model; [U] logistic sigmoid hidden units"),
    "keras_vae_mnist_28": ("Keras convolutional VAE", "tiny / upsample (partly: 3x3 "
                           "stride-2 SAME RELU convs of 32 / 64 on 28 x 28 x 1, "
                           "flatten, FC 16 RELU; stride-2 3x3 TRANSPOSE_CONVs in the "
                           "upsample / ext spaces); FCs of 2 and 3136, an FC "
                           "RESHAPEd back to a map, a stride-1 TRANSPOSE_CONV and a "
                           "LOGISTIC image output new; the Keras blog MNIST "
                           "autoencoder an earlier test model; [U] decoder(z_mean), "
                           "RELU fused into the TRANSPOSE_CONVs"),
    "tf_fashion_mlp_784": ("TF Fashion-MNIST tutorial MLP", "tiny (same "
                           "configuration: a 28 x 28 x 1 image, no conv, flatten to "
                           "784, FC 128 RELU, FC 10 without SOFTMAX; the tutorial's "
                           "input is [1, 28, 28], without the trailing 1); Keras "
                           "mnist_mlp and LeNet-300-100 earlier test models; no [U] "
                           "choice"),

    # held-out families XXXI, part a (session 28 addendum 1, pre-registered); no
    # training space draws any of them exactly
    "bc_resnet2_40x101": ("BC-ResNet-2", "bcast / kws / silu (partly: bcast draws a "
                          "MEAN over one axis kept, a 1x3 / 3x1 depthwise conv on "
                          "it, its ADD back onto the map, [1, H, 1, C] MUL / ADD "
                          "constants and LOGISTIC gates, at these channel counts 16 "
                          "/ 24 / 32 / 40 / 64); 127 ops (bcast at most 40), the 40 x "
                          "101 input (bcast's heights skip 40, widths stop at 48), "
                          "the 5x5 / (2, 1) stem, "
                          "dilated 1x3 depthwise convs, swish + 1x1 conv on the "
                          "pooled path, PAD + 5x5 VALID depthwise new; BC-ResNet-1 "
                          "an earlier test model; [U] as BC-ResNet-1, channels x 2"),
    "bc_resnet3_40x101": ("BC-ResNet-3", "bcast / kws / silu (partly: as BC-ResNet-2, "
                          "at 24 / 48 channels); as BC-ResNet-2's, and 36 / 60 / 96 "
                          "channels new (bcast's CHANNELS skip them); BC-ResNet-1 an "
                          "earlier test model; [U] as BC-ResNet-1, channels x 3"),
    "tenet6_101x40": ("TENet6", "mbconv / kws (partly: inverted bottlenecks of "
                      "expansion 3, 1x1 RELU conv, depthwise RELU, linear 1x1 conv, "
                      "ADD; MEAN + FC + SOFTMAX; MFCC in, 12 classes); a 9x1 "
                      "depthwise kernel (mbconv's are 3 / 5 / 7 square), a 101 x 1 "
                      "map of 40 channels in (mbconv draws square RGB images), "
                      "stride-2 blocks with a 1x1/2 shortcut conv ADDed, no RELU "
                      "after the ADD on a 3x1 stem new; TC-ResNet8 and MatchboxNet "
                      "earlier test models; [U] [1, 101, 1, 40] input, FC bias, "
                      "MTConv-free"),
    "cnn_tstride2_32x40": ("cnn-tstride2", "tiny (partly: VALID RELU convs on 32 x 40 "
                           "x 1, a stride (2, 1), flatten, a linear FC 32, FC 128 "
                           "RELU, FC 12, SOFTMAX); 78 filters, kernel heights 16 and "
                           "9 and the 1 x 3 pool on a 9-row map new (tiny's filters "
                           "skip 78, its kernel heights 16 and 9, its pools are "
                           "square where the map allows); cnn-trad-fpool3 and "
                           "cnn-tpool2 earlier test models; [U] VALID, one DNN layer, "
                           "12 classes, pool stride = window"),
    # held-out families XXXI, part b (session 28 addendum 1, pre-registered); no
    # training space draws any of them exactly
    "mobilenet_v3_small_0.5_96": ("MobileNet-v3 Small 0.5", "mbconv (partly: 96 x 96 "
                                  "x 3, a 3x3/2 stem of 16, inverted residuals with "
                                  "3x3 / 5x5 depthwise convs, squeeze-excite, "
                                  "HARD_SWISH, width 0.5); RELU and HARD_SWISH in one "
                                  "graph (the space draws one activation a graph), "
                                  "the hard-sigmoid gate (ADD + RELU6 + MUL; the "
                                  "space's is LOGISTIC), SE widths of a quarter of "
                                  "the expansion, block widths 8 / 16 / 24 / 48 (the "
                                  "space's stage widths at 0.5: 8, 16, 16, 32, 48, 80, "
                                  "160) and the head on the pooled map (1x1 1024, 1x1 "
                                  "1000, RESHAPE; the space's: 1x1, MEAN, FC) new; "
                                  "MobileNet-v3 Small / Large at 224 earlier test "
                                  "models; [U] 1000 classes, Keras / timm width "
                                  "scaling (stem 16 and head 1024 kept)"),
    "mnasnet_a1_0.35_96": ("MnasNet-A1 0.35", "mbconv (partly: 96 x 96 x 3, width "
                           "0.35, RELU, a 3x3/2 stem of 16, blocks of expansion 1 / 3 "
                           "/ 6 with 3x3 / 5x5 depthwise convs, LOGISTIC-gated "
                           "squeeze-excite of a quarter of the block input, 1-4 "
                           "blocks a stage, head 1x1 1280, MEAN, FC 1000, SOFTMAX: "
                           "each in the space's choice sets); its 7 stages (the "
                           "space draws 3-6) and stage widths 16 / 32 / 40 (the "
                           "space's third to fifth at 0.35: 8 / 24 / 32) new, so "
                           "not drawable; families has no SE, silu expands x 1 / 2 "
                           "/ 4 only; MnasNet-A1 at 224 an earlier test model; [U] "
                           "as MnasNet-A1"),
    "se_resnet20_cifar_32": ("SE-ResNet-20 (CIFAR)", "resnet / bcast (partly: resnet "
                             "draws ResNet-20's body at 32 x 32 x 3 with 1x1 "
                             "projection shortcuts; bcast draws SE-like gates, MEAN "
                             "over H, W, LOGISTIC and a broadcast MUL, without convs "
                             "between, in at most 40 ops: this has 80); SE blocks "
                             "with two 1x1 convs (1 / 2 / 4 hidden units) on basic "
                             "blocks' residual branches, the option-A shortcuts "
                             "(STRIDED_SLICE + channel PAD) and the SOFTMAX new; "
                             "resnet20_cifar_32 (option A) an earlier test model; "
                             "[U] r = 16, the FCs as 1x1 convs, option A"),
    "squeezenet1.1_96": ("SqueezeNet 1.1 (96, 10 classes)", "agg (partly: "
                         "CONCATENATIONs of parallel 1x1 and 1x1-then-3x3 branches, "
                         "max pools, MEAN, SOFTMAX); the fire module (1x1 and 3x3 "
                         "expands on one shared 1x1 squeeze), the VALID 3x3/2 stem "
                         "of 64 (the space's stems have 8-32 channels), expands of "
                         "192 / 256 (its widths stop at 128) and the head without FC "
                         "(a 1x1 conv to the classes, MEAN) new; SqueezeNet 1.1 at "
                         "224 and 1.0 earlier test models; [U] 10 classes"),
    # held-out families XXXII, part a (session 29, pre-registered); no training space
    # draws any of them exactly
    "wdcnn_2048": ("WDCNN", "tiny (partly: a sensor window as T x 1 x 1, RELU convs "
                   "SAME / VALID, 3x1 kernels, 16 / 32 / 64 filters, 2x1 max pools, "
                   "flatten, FC RELU, FC 10, SOFTMAX); 14 ops with 5 convs (tiny at "
                   "most 12 ops, 4 convs), 2048 samples (tiny's windows 64 / 128 / "
                   "187 / 256), the wide 64x1 first kernel of stride 16 (tiny's "
                   "kernel heights stop at 20, its strides at 2) and the FC of 100 "
                   "(its widths skip 100) new; the magic-wand, ECG and UCI-HAR 1-D "
                   "CNNs earlier test models; [U] [1, 2048, 1, 1] layout, SAME for "
                   "the table's padding, FC 100 RELU, 10 classes"),
    "m5_32000": ("M5", "tiny (partly: a T x 1 x 1 window, RELU convs, max pools, "
                 "MEAN, FC 10, SOFTMAX, 11 ops); 32,000 samples (tiny's windows stop "
                 "at 256), the 80x1 kernel of stride 4 (kernel heights stop at 20, "
                 "strides at 2), 256 / 512 filters (tiny's stop at 128), 4x1 pools "
                 "(tiny's are 2 / 3) and 279 M MACs (tiny redraws above 100 M) new; "
                 "the magic-wand, ECG and UCI-HAR 1-D CNNs earlier test models; [U] "
                 "[1, 32000, 1, 1] layout, SAME convs and VALID pools (the table's "
                 "2000 / 31), MEAN, 10 classes"),
    "eegnet_8_2_64x128": ("EEGNet-8,2", "tiny / edge (partly: tiny's single-channel "
                          "map, convs, depthwise convs, average pools, flatten, FC "
                          "4, SOFTMAX; edge's depthwise convs of multiplier 2); ELU "
                          "(no space draws it: two standalone ELU ops), the 64 x 128 "
                          "x 1 input (tiny's spectrograms have 10-40 bins, its "
                          "images are square), the 1x64 kernel (tiny's widths stop "
                          "at 8), the 64x1 depthwise conv spanning the electrodes, "
                          "multiplier 2 on 8 channels (edge's multipliers act on 1 "
                          "or 3 input channels with kernels up to 10), a 1x16 "
                          "depthwise conv and 1x4 / 1x8 average pools (tiny's are 2 "
                          "/ 3, edge's and tiny's depthwise 3x3) new; [U] batch "
                          "norms folded as biases, a bias on the separable "
                          "depthwise conv, 4 classes, T = 128"),
    "tcn_smnist_784": ("TCN (sequential MNIST)", "ext / resnet (partly: ext's 7x1 "
                       "convs dilated by 1-16, resnet's residual ADD with a fused "
                       "RELU and a 1x1 shortcut conv where the channels change); "
                       "dilations 32 / 64 / 128 (a 7-tap kernel spanning up to 769 "
                       "steps; ext's span at most 33), causal convs as a one-sided "
                       "PAD before a VALID dilated conv (16 PADs), a 784 x 1 x 1 "
                       "sequence, 25 channels and the last step by STRIDED_SLICE into "
                       "FC 10 new (no space pads one side of one axis only, draws "
                       "25 channels or slices a last step off a conv map); [U] "
                       "[1, 784, 1, 1] layout, weight norm folded, SOFTMAX for "
                       "log-softmax, STRIDED_SLICE of the last step"),
    # held-out families XXXII, part b (session 29, pre-registered); no training space
    # draws any of them exactly
    "espcn_x3_100x100": ("ESPCN x3", "sesr / upsample (partly: a one-channel LR "
                         "input, 5x5 / 3x3 SAME convs, a last conv to r^2 channels "
                         "(sesr), sub-pixel super-resolution nets (upsample)); "
                         "DEPTH_TO_SPACE (no space emits it: sesr ADDs the LR input "
                         "over its s^2 channels, upsample writes depth-to-space as "
                         "a stride-2 TRANSPOSE_CONV), scale 3 (the spaces' 2 / 4: 9 "
                         "output channels), TANH after a conv (only the recurrent "
                         "space's GRU cells draw TANH), 64 filters (sesr's 8-32, "
                         "upsample's 16-56) and the 100 x 100 input (sesr's 32, 64, "
                         "90 x 160, 180 x 320; upsample's 32-64, 90 x 160, 120 x "
                         "160) new; SESR and FSRCNN earlier test models; Vela 5.2 "
                         "runs DEPTH_TO_SPACE on the CPU; [U] 100 x 100 (keras.io's "
                         "x3 example), SAME, standalone TANH"),
    "densenet40_k12_cifar_32": ("DenseNet-40 (k = 12, CIFAR)", "plain (partly: dense "
                                "blocks of 3x3 convs of growth 12 concatenated onto "
                                "the running map, 2x2 average-pool transitions, "
                                "MEAN + FC 10 + SOFTMAX at 32 x 32 x 3; bcast draws "
                                "per-channel MUL / ADD constants); 12 layers a "
                                "block (plain's 2-8, agg's dense blocks 2-4 of "
                                "growth 8 / 16 / 24 / 32), no 1x1 bottleneck (plain "
                                "draws DenseNet-BC only), no compression (plain "
                                "halves at transitions), a stem of 16 (plain's 2k = "
                                "24), each batch norm a per-channel MUL + ADD with "
                                "RELU fused on a CONCATENATION (plain: a standalone "
                                "RELU; bcast: no CONCATENATION, at most 40 ops) and "
                                "158 ops new; DenseNet-121 / -169 earlier test "
                                "models; [U] batch norm as MUL + ADD, conv biases"),
    "tinyissimo_yolo_88": ("TinyissimoYOLO", "tiny / plain (partly: 3x3 RELU convs of "
                           "16-128 filters with 2x2 max pools on an RGB image, "
                           "flatten, FC 256 RELU (tiny); doubling Darknet-style "
                           "stacks with max pools (plain)); the 88 x 88 input (tiny's "
                           "images 28-96 and plain's 32-416 skip 88), 14 ops (tiny "
                           "at most 12) with 5 convs (tiny at most 4), a 208-wide "
                           "last FC RESHAPEd to a 4 x 4 x 13 grid (tiny's classes "
                           "2-12; plain's Darknet heads are 1x1 convs) new; "
                           "Tiny-YOLOv2 / v3 and YOLO-Fastest earlier test models; "
                           "[U] the layer table recalled (within 2 % of the "
                           "published 422 k parameters), S = 4, B = 2, C = 3, RELU"),
    "binarynet_vgg_cifar_32": ("BinaryNet VGG-small (CIFAR, int8)", "plain (partly: "
                               "VGG stacks of two 3x3 RELU convs a stage with 2x2 "
                               "max pools at 32 x 32 x 3, flatten, FC 10, SOFTMAX); "
                               "stages of 128 / 256 / 512 from the first conv "
                               "(plain's configurations A / B / D start at 64 x "
                               "width <= 1: first convs of 8-64), two hidden FCs of "
                               "1024 (plain's head is one FC to the classes) and an "
                               "8,192-input FC new; tiny's limits (12 ops, 100 M "
                               "MACs, 4 M FC weights) exclude it; VGG-11 (CIFAR) "
                               "and VGG-16 earlier test models; [U] int8, not "
                               "binarized, RELU, SOFTMAX"),
    # held-out families XXXIII, part a (session 29 addendum 2, pre-registered); no
    # training space draws any of them exactly (the dil space, written in parallel,
    # not checked here)
    "coucke_dilated_kws_182x20": ("Coucke dilated gated KWS", "ext / recurrent "
                                  "(partly: ext's k x 1 CONV_2Ds dilated by 1-8 along H, "
                                  "residual ADDs; recurrent's TANH x LOGISTIC gates "
                                  "joined by MUL on keyword frames); the WaveNet "
                                  "layer (a causal PAD of 2d on one side, two dilated "
                                  "3x1 VALID convs of 64 on it, standalone TANH and "
                                  "LOGISTIC on conv maps, MUL, 1x1 residual and skip "
                                  "convs; ext pads nothing, draws RGB inputs and no "
                                  "TANH, recurrent's gates act on FC rows), the 182 x "
                                  "1 x 20 MFCC input (no space's), 16 / 32 / 64 "
                                  "channels in one layer, a skip sum of 23 ADDs, a "
                                  "per-frame SOFTMAX of 2 and 242 ops new; [U] 64 "
                                  "channels per gated branch (from the recalled 222 "
                                  "K), 2 classes, 182 frames, two convs not one SPLIT"),
    "dilated_context_64x64x21": ("Yu-Koltun basic context module", "ext (partly: ESP's "
                                 "3x3 CONV_2Ds dilated 1-16 on 64-256 maps); a chain "
                                 "of 8 full convs dilated 1, 1, 2, 4, 8, 16, 1 (ext "
                                 "dilates 3x3 CONV_2Ds only in ESP's parallel "
                                 "branches after a 1x1 reduction, CONCATENATED), a "
                                 "21-channel input (ext's inputs are RGB; bcast's C "
                                 "stops at 16, longk's at 3), 21 channels throughout, "
                                 "no stem, pool or head (8 ops) new; DeepLabv3 and "
                                 "ERFNet earlier test models; [U] 64 x 64, SAME, "
                                 "the last 1x1 linear"),
    "ms_tcn_stage_512x2048": ("MS-TCN (one stage)", "ext / resnet (partly: ext's 3x1 "
                              "convs dilated 1-16, resnet's residual ADD); dilations "
                              "32-512 (a 3-tap kernel spanning up to 1,025 steps, "
                              "SAME on 512 frames; ext's spans stop at 33), a 512 x 1 "
                              "x 2048 input (no space draws 2048 channels), a "
                              "residual ADD without activation after a 1x1 conv of "
                              "64 (resnet's ADDs fuse RELU, its maps are square) and "
                              "a per-frame SOFTMAX of 48 new; the TCN of Bai et al. "
                              "an earlier test model; [U] 512 frames, 48 classes "
                              "(Breakfast), SAME for padding = d"),
    "hannun_ecg_resnet_256": ("Hannun ECG ResNet (34 layers)", "longk / resnet / bcast "
                              "(partly: longk's 16-tap convs on a 256 x 1 x 1 "
                              "signal; resnet's two-conv residual blocks with "
                              "strided first convs and filters doubling; bcast's "
                              "per-channel MUL / ADD constants); 33 16x1 convs of "
                              "32-256 in 16 pre-activation blocks (longk: one long "
                              "first layer, later long layers of 8-16 taps to at "
                              "most 128 filters, no ADD, at most 30 ops; resnet: 3x3 "
                              "/ 1x1 kernels on square RGB maps), 2x1/2 max pools on "
                              "the shortcuts (resnet projects by a strided 1x1 "
                              "conv), the channel doubling as a PAD of the channel "
                              "axis (no space pads channels), 16 MUL + ADD RELU "
                              "batch norms after ADDs and 94 ops new; [U] 256 "
                              "samples, one output step, MUL + ADD batch norms, 12 "
                              "classes"),
    # held-out families XXXIII, part b (session 29 addendum 2, pre-registered); the
    # mobilenet space draws MobileNetV2 1.0 at 160 exactly
    "tinynet_e_106": ("TinyNet-E", "mbconv / silu / families (partly: MBConv with "
                      "expansion 6, 3x3 / 5x5 depthwise, squeeze-excite of C_in / 4 "
                      "with a LOGISTIC gate, head 1280, MEAN + FC 1000 (mbconv); swish "
                      "as LOGISTIC + MUL and SE (silu); EfficientNet-Lite stages "
                      "(families)); swish in MBConv (mbconv draws RELU / RELU6 / "
                      "HARD_SWISH), 7 stages (mbconv's 3-6), expansion 6 with swish "
                      "(silu's 1 / 2 / 4), widths 160 / 1280 (silu's at most 128), SE "
                      "of 2-6 channels (silu's at least 8), width 0.51 (families' 0.5-"
                      "1.4 on Lite, RELU6, no SE) and the 106 x 106 input (no space "
                      "draws 106) new; EfficientNet-B0 an earlier test model; [U] "
                      "r / w / d recalled (timm), depth rounding, SAME"),
    "regnety_200mf_224": ("RegNetY-200MF", "resnet (partly: bottleneck blocks with "
                          "projection shortcuts, ADD RELU); group-width-8 3x3 convs as "
                          "SPLIT into 3 / 7 / 19 / 46 groups / CONV_2D / CONCATENATION "
                          "(no space SPLITs a conv map into more than 2), an SE gate "
                          "in every block (resnet draws none), 224 x 224 (resnet's "
                          "32-128) and 546 ops new; RegNetX-200MF and SE-ResNet-50 "
                          "earlier test models; [U] SE width round(w_in / 4), grouped "
                          "convs as SPLIT / CONV_2D / CONCATENATION, SAME"),
    "etinynet_1.0_144": ("EtinyNet-1.0", "mobilenet / mbconv (partly: 3x3 depthwise + "
                         "1x1 pointwise stacks, stride-2 stem of 32, MEAN + FC 1000 + "
                         "SOFTMAX); a depthwise conv fed by a depthwise conv (LB / DLB "
                         "chains; among image spaces none, only edge's and longk's 1-D "
                         "stacks), a linear depthwise conv before a RELU pointwise "
                         "(mobilenet's and mbconv's depthwise convs carry the "
                         "activation), dense double ADDs around a depthwise conv and "
                         "the 144 x 144 input (no space draws 144) new; [U] stage "
                         "table recalled, 144 x 144 (the published MACs fit 224), DLB "
                         "skips, RELU"),
    "mobilenet_v2_1.0_160": ("MobileNetV2 1.0 (160, Keras head)", "mobilenet (same "
                             "configuration: its v2 branch at alpha 1.0, res 160, "
                             "full repeats, no branch CONCATENATION, SAME strided "
                             "depthwise convs, MEAN + FC 1000 + SOFTMAX head); "
                             "MobileNet-v2 1.4 and 0.35 earlier test models; mbconv "
                             "misses it by 7 stages (at most 6, no 320); [U] the "
                             "Keras head, 1000 classes"),
    # held-out families XXXIV, part a (session 30, pre-registered); no training space
    # draws any of them exactly
    "stacked_hourglass_1_256": ("Stacked hourglass (1 stack)", "resnet / upsample / "
                                "bcast (partly: resnet's 1x1-3x3-1x1 bottleneck blocks "
                                "with residual ADDs and a 7x7/2 stem; encdec's max "
                                "pools, nearest x2 RESIZE and ADD merges; bcast's "
                                "per-channel MUL / ADD constants); a depth-4 hourglass "
                                "(four nested 2x2 max pools from 64 x 64 to 4 x 4 and "
                                "four RESIZE_NEAREST_NEIGHBOR x2 ADDed, without "
                                "activation, to a residual module's output; encdec "
                                "draws 2-3 levels with a 3x3 conv after each merge), "
                                "17 pre-activation modules of 128 / 256 channels (a "
                                "MUL + ADD RELU batch norm before each; resnet's "
                                "blocks are post-activation, its ADDs fuse RELU, its "
                                "inputs stop at 128 pixels, its pools are 3x3/2), the "
                                "256 x 256 input, 16 heatmaps at 64 x 64 and 120 ops "
                                "(bcast at most 40) new; ResNet-50, SimpleBaseline "
                                "ResNet-18 (heatmaps) and Hannun's ECG ResNet (MUL + "
                                "ADD pre-activation) earlier test models; [U] one "
                                "stack, MUL + ADD RELU batch norms, 16 joints"),
    "attention_unet_128": ("Attention U-Net (2-D)", "upsample / bcast (partly: "
                           "encdec's UNets of 3x3 RELU convs, 2x2 max pools, bilinear "
                           "x2 RESIZE and CONCATENATION skips, base 16; bcast's "
                           "LOGISTIC gates MULed onto maps); additive attention gates "
                           "(a 2x2/2 VALID conv of the skip, a 1x1 conv of the coarser "
                           "map, ADD RELU, a 1x1 conv to one channel, LOGISTIC, "
                           "bilinear x2, a MUL broadcasting that [1, H, W, 1] map over "
                           "the skip's 32-128 channels: bcast broadcasts [1, H, W, 1] "
                           "only as constants, its gates are same-shape or [1, 1, 1, "
                           "C]), a one-channel 128 x 128 input (encdec's are RGB), "
                           "four pools with two 3x3 convs a level (encdec: 2-3, one "
                           "conv, a 1x1 conv after each RESIZE) and a per-pixel "
                           "SOFTMAX of 2 new; U-Net, UNet++ and U2-NetP earlier test "
                           "models; [U] 2-D, one gate a skip without the release's "
                           "output and combining convs, half-pixel bilinear, 2 "
                           "classes"),
    "lw_refinenet_mnv2_256": ("Light-Weight RefineNet (MobileNet-v2)", "mobilenet / "
                              "detect / agg (partly: MobileNet-v2 inverted residuals "
                              "with RELU6, full depth at alpha 1.0 up to 224 "
                              "(mobilenet), at 256 with depth multipliers 0.35 / 0.5 "
                              "(detect); agg's SPPF chains of 5x5/1 SAME max pools); "
                              "the t = 1 block's 1x1 expansion conv (the MobileNet-v2 "
                              "/ MBConv spaces leave expansion 1 out), 1x1 convs to "
                              "256 on six encoder stages, chained residual pooling "
                              "(four 5x5/1 max pool + 1x1 conv + ADD stages onto a "
                              "running sum, at 8 x 8 to 64 x 64; agg's SPPF "
                              "CONCATENATES three pools at its last stage), three-map "
                              "sums with RELU6 fused, bilinear x2 of 256-channel maps, "
                              "a 3x3 conv to 21 classes at stride 4 and 128 ops new; "
                              "DeepLabv3 / DeepLabv3+ / PSPNet on MobileNet-v2 earlier "
                              "test models; [U] 256 x 256, biases on the bias-free 1x1 "
                              "convs, half-pixel bilinear for the release's "
                              "align_corners, stride-4 output"),
    "dcgan_generator_64": ("DCGAN generator", "upsample / tiny (partly: sr's 5x5/2 "
                           "SAME TRANSPOSE_CONVs on 16-56 channels, at most two in a "
                           "chain; tiny's FULLY_CONNECTED on a flat vector); a 100-d "
                           "code input (tiny's flat inputs skip 100), an FC to 16,384 "
                           "(1.6 M weights) RESHAPEd to a 4 x 4 x 1024 map (kws, tiny "
                           "and edge RESHAPE only a flat input to a map), four chained "
                           "5x5/2 TRANSPOSE_CONVs from 1,024 / 512 / 256 / 128 "
                           "channels with RELU fused (upsample's and ext's take at "
                           "most 256) and a standalone TANH on the image (only "
                           "recurrent's and dil's gates draw TANH) new; the Keras "
                           "convolutional VAE (an FC RESHAPEd into 3x3/2 "
                           "TRANSPOSE_CONVs) and ESPCN (TANH) earlier test models; [U] "
                           "batch norms folded, SAME, FC then RESHAPE"),
    # held-out families XXXIV, part b (session 30, pre-registered); the upsample space
    # draws FSRCNN x2 on 64 x 64 exactly (its sub-pixel form is fsrcnn_x2_64)
    "dncnn_17_64x64": ("DnCNN-S (17 layers)", "sesr / dil / plain (partly: sesr's 3x3 "
                       "conv stacks with RELU on a one-channel 64 x 64 input and a "
                       "global residual with the input; dil's stride-1 3x3 CONV_2Ds of "
                       "64 filters at rate 1; plain's VGG 3x3 stacks of 64); one chain "
                       "of 17 3x3 convs, 15 of them 64 -> 64, at 64 x 64 (sesr: at "
                       "most 13 convs of at most 32 filters; dil: inputs of 3+ "
                       "channels, at most 60 M MACs; plain: RGB, pools), a "
                       "one-channel output at the input's size, the residual as a SUB "
                       "from the graph input (sesr ADDs the input onto s^2 channels; "
                       "no space SUBs an image input) and 2.27 G MACs new; [U] 64 x "
                       "64, SAME, convs with biases"),
    "fsrcnn_deconv_x2_64": ("FSRCNN (56, 12, 4) x2, deconvolution", "upsample (same "
                            "configuration: its sr kind in FSRCNN style at d 56, s 12, "
                            "m 4, a 5x5 first conv, standalone PRELU, a one-channel 64 "
                            "x 64 input, x2 by one 9x9 stride-2 SAME TRANSPOSE_CONV "
                            "with bias, no global residual); its sub-pixel form "
                            "(fsrcnn_x2_64) an earlier validation model; [U] 64 x 64, "
                            "SAME deconvolution"),
    "darts_v2_cifar_32": ("DARTS (second order) CIFAR-10", "agg / plain / mobilenet "
                          "(partly: agg's CONCATENATIONs of maps that also feed other "
                          "layers; plain's standalone RELU before convs (DenseNet-BC); "
                          "mobilenet's and mbconv's 3x3 depthwise + 1x1 pairs; ext's "
                          "dilated depthwise convs; 3x3/2 max pools); 20 searched "
                          "cells of 4 ADD nodes CONCATENATED (a node also feeding a "
                          "dilated separable conv), separable convs as RELU -> linear "
                          "3x3 depthwise -> 1x1 twice (mobilenet's and mbconv's "
                          "depthwise convs carry the activation), FactorizedReduce (a "
                          "one-pixel STRIDED_SLICE shift of an inner map, two stride-2 "
                          "1x1 convs, CONCATENATION; detect slices only its input, "
                          "dil the last step of a sequence), "
                          "cells reading the two previous cells, widths 36 / 72 / 144 "
                          "with a 108 stem and 605 ops (agg stops at 200 nodes) new; "
                          "DenseNet-40 and other CIFAR nets earlier test models; [U] "
                          "genotype recalled, one RELU / max pool per tensor (CSE), "
                          "SAME, SOFTMAX head"),
    "squeezedet_384x1248": ("SqueezeDet (KITTI)", "agg / plain / detect (partly: agg's "
                            "Inception-like CONCATENATIONs of parallel 1x1 / 3x3 "
                            "branches and detection-style heads; plain's darknet 3x3 "
                            "stacks with max pools and an anchors x (classes + 5) head "
                            "at up to 416; detect's box heads); fire modules (1x1 and "
                            "3x3 expands of one shared 1x1 squeeze, CONCATENATED; "
                            "agg's branches each read the block input), expands of 384 "
                            "+ 384 (agg's widths at most 128), a 3x3 ConvDet head of "
                            "72 = 9 x (3 + 1 + 4) channels, the 384 x 1248 input (no "
                            "space draws it; detect's crops are 4:3 / 16:9) and 5.3 G "
                            "MACs new; SqueezeNet 1.0 / 1.1 earlier test models; [U] "
                            "SqueezeNet v1.1 backbone recalled, SAME, 3 classes"),
    # held-out families XXXV, part a (session 30 addendum 2, pre-registered); no
    # training space draws any of them exactly
    "unet_orig_572": ("U-Net (original, VALID)", "upsample / dil (partly: encdec's "
                      "UNets of 3x3 RELU convs, 2x2 max pools, TRANSPOSE_CONV "
                      "up-sampling and CONCATENATION skips; dil's per-position "
                      "SOFTMAX on maps of at most 96 x 96); unpadded 3x3 convs, "
                      "two a level over four pools (encdec's are SAME, one a "
                      "level, 2-3 levels, at most 256 channels, RGB inputs of at "
                      "most 224), centre crops of the skips by STRIDED_SLICE "
                      "(detect crops only its input, dil and recurrent slice time "
                      "steps), linear 2x2/2 VALID TRANSPOSE_CONVs with bias from "
                      "1,024 / 512 / 256 / 128 channels (encdec's fuse RELU and "
                      "take at most 256, sr's kernel-2 VALID ones have no bias), "
                      "the one-channel 572 x 572 input, a SOFTMAX over 388 x 388 "
                      "pixels and 150 G MACs new; U-Net (SAME, 128), UNet++ and "
                      "the Attention U-Net earlier test models; [U] linear "
                      "up-convolutions, STRIDED_SLICE crops, 2 classes"),
    "portraitnet_224": ("PortraitNet", "mobilenet / detect / upsample (partly: "
                        "MobileNet-v2 inverted residuals with RELU6 at alpha 1.0 "
                        "and 224 (mobilenet), depth multipliers 0.35 / 0.5 "
                        "(detect); mobilenet's v1 depthwise-separable pairs; "
                        "upsample's 4x4/2 SAME TRANSPOSE_CONVs with bias (RELU in "
                        "encdec)); the t = 1 block's 1x1 expansion conv (the "
                        "MobileNet-v2 / MBConv spaces leave expansion 1 out), "
                        "D-blocks (3x3 depthwise RELU, 1x1 RELU, 3x3 depthwise "
                        "RELU, 1x1, a 1x1 shortcut conv, ADD RELU) from 320 / 96 / "
                        "32 / 24 / 16 channels, five bias-free linear 4x4/2 "
                        "TRANSPOSE_CONVs from 96 / 32 / 24 / 16 / 8 channels "
                        "ADDed to encoder maps of 96 / 32 / 24 channels, a 3x3 "
                        "conv to 2 on 8 channels at 224 x 224 and a per-pixel "
                        "SOFTMAX over 224 x 224 (dil's at most 96 x 96) new; "
                        "Light-Weight RefineNet, DeepLabv3 and PSPNet on "
                        "MobileNet-v2 earlier test models; [U] decoder recalled, "
                        "boundary head left out, full transposed convs"),
    "textcnn_kim_56x300": ("Kim's sentence CNN (CNN-static)", "longk / tiny "
                           "(partly: longk's first-layer convs with a kernel over "
                           "a whole axis of a one-channel map, VALID, RELU, then "
                           "FULLY_CONNECTED and SOFTMAX; tiny's one-channel convs, "
                           "max pools and FC heads); a 56 x 300 one-channel input "
                           "(longk's sides stop at 128, tiny's maps at 256 x 9 "
                           "and 124 x 40), three parallel 3x300 / 4x300 / 5x300 "
                           "VALID convs of 100 maps on it (longk draws one first "
                           "conv, tiny kernels of at most 20 x 8; neither "
                           "CONCATENATES), max over time as 54 / 53 / 52 x 1 "
                           "MAX_POOL_2Ds (longk's windows at most 8, tiny's 2-3), "
                           "their CONCATENATION RESHAPEd to 300 and an FC to 2 "
                           "new; no text model earlier; [U] one-channel layout, "
                           "56 words, MAX_POOL_2D for max over time"),
    "yunet_320": ("YuNet-n (face detection)", "detect / mbconv / upsample (partly: "
                  "detect's depthwise heads RESHAPEd to [1, H W, n] with LOGISTIC "
                  "scores at 96-256 pixels; mbconv's and silu's linear 1x1 "
                  "projections feeding the next block's depthwise conv; encdec's "
                  "bilinear x2 RESIZE and ADD merges); chains of units (a linear "
                  "1x1 conv, a 3x3 depthwise conv with RELU; no projection, no "
                  "residual) of 16-64 channels with 2x2 max pools between, a "
                  "tiny FPN of 64 channels (bilinear x2 + ADD), heads of a 1x1 "
                  "conv then a linear 3x3 depthwise conv to 1 / 1 / 4 / 10 "
                  "channels (detect's SSDLite heads put the depthwise conv first) "
                  "on strides 8 / 16 / 32, left as 12 graph outputs (detect "
                  "CONCATENATES over the scales into 2) and the 320 x 320 input "
                  "(detect's stop at 256) new; SCRFD-500M, RetinaFace, BlazeFace "
                  "and UltraFace earlier test models; [U] the shared head unit "
                  "inferred from the published 75,856 parameters, LOGISTIC on "
                  "class and objectness, 320 x 320"),
    # held-out families XXXV, part b (session 30 addendum 2, pre-registered); no
    # training space draws any of them exactly
    "pyramidnet110_a48_cifar_32": (
        "PyramidNet-110 (additive, alpha 48, CIFAR-10)",
        "resnet / bcast (partly: resnet's 3x3 stem of 16 and basic blocks of two 3x3 "
        "convs with residual ADDs, MEAN + FC 10 at 32 x 32 x 3; bcast's per-channel "
        "MUL / ADD constants); 54 units (resnet: 2-4 stages of 1-4 blocks), widths "
        "growing by one channel every unit or two from 17 to 64 (resnet's double per "
        "stage), a linear batch norm (per-channel MUL + ADD) before each unit's first "
        "conv, residual ADDs without RELU, identity shortcuts zero-padded on the "
        "channel axis (PAD: no space pads channels, dil and mobilenet pad H / W) "
        "behind 2x2/2 average pools (resnet: strided 1x1 projections), a last MUL + "
        "ADD RELU, the SOFTMAX and 326 ops new; CIFAR ResNet-20 option A (channel PAD "
        "shortcuts) and the stacked hourglass (MUL + ADD batch norms) earlier test "
        "models; [U] batch norms as MUL + ADD, zero channels after, SAME, conv biases"),
    "fractalnet40_cifar_32": ("FractalNet (B = 5, C = 4, CIFAR-10)", "plain / agg "
                              "(partly: plain's VGG stacks of 3x3 RELU convs of up "
                              "to 512 filters with 2x2 max pools on 32 x 32 x 3, "
                              "flatten + FC 10 + SOFTMAX; agg's parallel conv "
                              "branches of one input); fractal blocks of four "
                              "columns (1, 2, 4, 8 convs) reading one input, joins "
                              "as element-wise means (ADDs of 2-4 maps, then a MUL "
                              "by a one-element constant 1 / n: no space MULs by "
                              "one), join outputs feeding up to four convs, 75 convs "
                              "with 76 M parameters and 2.0 G MACs new; VGG-11 "
                              "(CIFAR) and DenseNet-40 earlier test models; [U] "
                              "joins as ADD + MUL, each block's last join before its "
                              "pool, FC head, conv biases"),
    "liteseg_mnv2_360x640": ("LiteSeg (MobileNet-v2)", "mobilenet / ext (partly: "
                             "mobilenet's MobileNet-v2 1.0 with its 1x1 conv of 1280 "
                             "at up to 224; ext's dilated_mb image-pooling head: "
                             "MEAN, 1x1 conv, bilinear up-sampling of the 1 x 1 map, "
                             "CONCATENATION, align_corners resizes); the 360 x 640 "
                             "input (no space draws it), a 1,760-channel "
                             "CONCATENATION of the backbone map and five ASPP "
                             "branches, 1x1 depthwise convs (no space draws one), "
                             "linear depthwise convs dilated 3 / 6 / 9 at 12 x 20 "
                             "(the spaces' rates are powers of 2), bilinear 12 x 20 "
                             "-> 90 x 160 and x4 align_corners resizes (the spaces "
                             "resize by 2 or 4, align_corners to 4 n - 3), a decoder "
                             "CONCATENATION with the stride-4 map new; DeepLabv3 / "
                             "DeepLabv3+ / PSPNet on MobileNet-v2 earlier test "
                             "models; [U] 360 x 640, SAME, depthwise biases; logits "
                             "out, as the release"),
    "esnet_512x1024": ("ESNet", "ext / upsample (partly: ext's factorised "
                       "ERFNet-style encoders: 3x3/2 conv and 2x2/2 max-pool "
                       "CONCATENATION downsamplers with a standalone RELU, 3x1 / 1x3 "
                       "and 5x1 / 1x5 conv pairs with residual ADD RELU, 3x3/2 "
                       "TRANSPOSE_CONV RELU decoders, at up to 128 x 256; upsample's "
                       "encoder-decoders up-sampling by TRANSPOSE_CONV); the 512 x "
                       "1024 input, PFCUs (three factorised branches dilated 2 / 5 / "
                       "9 summed onto the input: ext's rates are powers of 2, one "
                       "pair a block), FCUs after each decoder TRANSPOSE_CONV, a "
                       "2x2/2 VALID TRANSPOSE_CONV to 19 classes at 512 x 1024 "
                       "and 24 G MACs new; ERFNet, ENet, EDANet and LEDNet earlier "
                       "test models; [U] 512 x 1024, downsampler batch norm left "
                       "out (standalone RELU), FCU kernels recalled, last "
                       "deconvolution 2x2/2; logits out, as the release"),
    # held-out families XXXVI, part a (session 31, pre-registered); no training space
    # draws any of them exactly
    "pix2pix_unet_256": ("pix2pix U-Net-256 generator", "upsample / agg (partly: "
                         "encdec's UNets of strided convs, TRANSPOSE_CONV up-sampling "
                         "and CONCATENATION skips; agg's and plain's standalone "
                         "LEAKY_RELU 0.1); 4x4/2 convs down to 1 x 1 x 512 (eight "
                         "levels; encdec's 2-3 levels of 3x3 convs and pools), "
                         "LEAKY_RELU 0.2 (the spaces' alpha is 0.1), 4x4/2 "
                         "TRANSPOSE_CONVs from 512-1,024 channels (the spaces' take "
                         "at most 256), the TANH image output and 6.0 G MACs new; "
                         "pix2pix never earlier, the DCGAN generator and U-Nets "
                         "earlier test models; [U] RELU fused on the innermost conv, "
                         "skips after LEAKY_RELU, [up-sampled, skip] order"),
    "context_encoder_128": ("Context Encoder (centre region)", "upsample / agg "
                            "(partly: encdec's strided convs and TRANSPOSE_CONV "
                            "decoders with RELU; agg's and plain's LEAKY_RELU 0.1); "
                            "4x4/2 convs with LEAKY_RELU 0.2, a 4x4 VALID conv to a "
                            "1 x 1 x 4000 bottleneck (32.8 M weights), a stride-1 4x4 "
                            "VALID TRANSPOSE_CONV from 4000 channels to 4 x 4 x 512 "
                            "(the spaces' transposed convs are stride 2 and take at "
                            "most 256), a 64 x 64 output from a 128 x 128 input and "
                            "TANH new; the DCGAN generator an earlier test model; "
                            "[U] 64 x 64 x 3 output, LEAKY_RELU on the bottleneck"),
    "pointnet_cls_1024": ("PointNet classification (no T-Nets)", "dil / longk / tiny "
                          "(partly: 1-D signals of 1,024 samples laid out on one "
                          "axis; 1x1 convs with RELU, FULLY_CONNECTED heads and "
                          "SOFTMAX); 3 channels per point through 1x1 convs to "
                          "1,024 channels at 1,024 positions, a 1024 x 1 MAX_POOL_2D "
                          "(the spaces' windows are at most 8), an FC stack "
                          "1024-512-256-40 new; no point-cloud model earlier; [U] no "
                          "T-Nets, [1, 1024, 1, 3] layout, MAX_POOL_2D for the max "
                          "over points"),
    "lapsrn_x4_64": ("LapSRN x4", "upsample / agg (partly: sr's one-channel "
                     "super-resolution nets of 3x3 convs with TRANSPOSE_CONV "
                     "up-sampling of 64 x 64 x 1; agg's and plain's LEAKY_RELU "
                     "0.1); 21 3x3 convs of 64 with LEAKY_RELU 0.2 across two "
                     "pyramid levels, 4x4/2 TRANSPOSE_CONVs of 64 features with "
                     "bias followed by LEAKY_RELU, 1 -> 1 channel image "
                     "TRANSPOSE_CONVs ADDed to 3x3 residual convs at 128 and 256 "
                     "(sr up-samples once) and 8.9 G MACs new; FSRCNN, ESPCN and "
                     "SESR earlier test models; [U] 64 x 64 input, x4 output only, "
                     "biases everywhere"),
    # held-out families XXXVI, part b (session 31, pre-registered); no training space
    # draws any of them exactly
    "srcnn_915_64x64": ("SRCNN 9-1-5", "upsample / sesr / tiny (partly: upsample's "
                        "sr and sesr's conv chains with RELU on a one-channel 64 x 64 "
                        "input, a 1x1 shrinking conv (FSRCNN style) and a 5x5 conv; "
                        "tiny's one-channel images of 64 with a wide first conv); a "
                        "9x9 first conv of 64 filters (sr and sesr start 3x3 or 5x5, "
                        "tiny's kernels are at most 20 x 8 and no space draws a 9x9 "
                        "CONV_2D), a 5x5 conv from 32 to 1 as the last layer and an "
                        "output at the input's size with no up-sampling (the SR spaces "
                        "always up-sample by 2 or 4) new; FSRCNN and SESR earlier test "
                        "models; [U] 64 x 64, SAME (the paper trains VALID), conv "
                        "biases"),
    "vdsr_20_64x64": ("VDSR (20 layers)", "sesr / upsample / dil / plain (partly: "
                      "sesr's 3x3 conv stacks with RELU on a one-channel input and a "
                      "residual ADD of the input; dil's stride-1 3x3 convs of 64; "
                      "plain's VGG 3x3 stacks of 64); one chain of 20 3x3 convs, 18 "
                      "of them 64 -> 64, at 64 x 64 (sesr: at most 13 convs of at "
                      "most 32 filters; upsample's sr at most 8; dil: inputs of 3+ "
                      "channels, at most 60 M MACs; plain: RGB, pools), a "
                      "one-channel output at the input's size ADDed to the graph "
                      "input (the SR spaces up-sample first) and 2.72 G MACs new; "
                      "DnCNN-S (the same chain, 17 convs, SUB) an earlier test "
                      "model; [U] 64 x 64, conv biases"),
    "overfeat_fast_231": (
        "OverFeat (fast model)",
        "plain / longk (partly: plain's VGG stacks of RELU convs up to 512 filters "
        "with 2x2/2 max pools, flatten + FC + SOFTMAX to 1000 classes; longk's "
        "stride-4 VALID convs along one axis); an 11x11/4 VALID first conv on 231 x "
        "231 x 3 (no space draws a 9x9 or 11x11 CONV_2D nor a stride of 4 on both "
        "axes), a 5x5 VALID conv of 256, 3x3 convs of 1024 at 12 x 12, three FCs of "
        "36,864 -> 3072 -> 4096 -> 1000 with 130 M weights (plain has one FC, the "
        "spaces' largest at most 12.8 M) new; VGG-11 (CIFAR), Inception and ResNet "
        "ImageNet models earlier test models; [U] VALID / SAME as Table 1's sizes "
        "need, NHWC flatten"),
    "flownets_384x512": ("FlowNetSimple", "upsample / ext / plain (partly: "
                         "upsample's encoder-decoders up-sampling by 4x4/2 SAME "
                         "TRANSPOSE_CONVs CONCATENATED with encoder maps; ext's "
                         "strided-conv encoders and TRANSPOSE_CONV decoders; "
                         "plain's darknet standalone LEAKY_RELU 0.1 after convs); "
                         "a six-channel 384 x 512 input (no space takes one), 7x7/2 "
                         "and 5x5/2 convs, 3x3 convs of 1024 channels at 6 x 8, "
                         "bias-free TRANSPOSE_CONVs from 1026 / 770 / 386 channels "
                         "with a standalone LEAKY_RELU after them, 2 -> 2 channel "
                         "flow TRANSPOSE_CONVs (the spaces' read at least 3), "
                         "three-input CONCATENATIONs of 1026 / 770 / 386 / 194 "
                         "channels, 3x3 convs to 2 channels and 15.8 G MACs new; "
                         "no optical-flow model earlier; [U] conv6_1 kept (the "
                         "published 38.67 M needs it), LEAKY_RELU everywhere, "
                         "deconvolutions without bias, the last flow at 1/4 "
                         "resolution as the only output"),
    # held-out families XXXVII (session 31 addendum 2, pre-registered); no training
    # space draws any of them exactly
    "cnn_one_fstride8_32x40": ("cnn-one-fstride8", "tiny (partly: a VALID conv on "
                               "32 x 40, flatten, FCs of 128, FC 12, SOFTMAX); the "
                               "whole-time-axis 32 x 8 kernel, 336 filters (tiny's "
                               "stop at 128) and frequency stride 8 new; "
                               "cnn_one_fstride4_32x40 (186 filters, stride 4) an "
                               "earlier validation model of the same paper, "
                               "cnn-trad-fpool3 an earlier test model; [U] 12 "
                               "classes, VALID"),
    "cnn_tstride4_32x40": ("cnn-tstride4", "tiny (partly: VALID RELU convs on 32 x 40 "
                           "x 1, a 1 x 3 max pool, flatten, a linear FC 32, FC 128 "
                           "RELU, FC 12, SOFTMAX); 100 and 78 filters (tiny's skip "
                           "both), a 16x8 kernel (tiny's heights skip 16) of time "
                           "stride 4 and a 5x4 conv on a 5-row map new; "
                           "cnn_tstride2_32x40 (78 filters, stride 2, a 9x4 second "
                           "conv) an earlier validation model of the same paper, "
                           "cnn-trad-fpool3 and cnn-tpool2 earlier test models; [U] "
                           "VALID, one DNN layer, 12 classes, pool stride = window"),
    "cnn_tstride8_32x40": ("cnn-tstride8", "tiny (partly: VALID RELU convs on 32 x 40 "
                           "x 1, a 1 x 3 max pool, flatten, a linear FC 32, FC 128 "
                           "RELU, FC 12, SOFTMAX); 126 and 78 filters, a 16x8 kernel "
                           "of time stride 8 (3 rows out) and a PAD in time before a "
                           "5x4 conv new; cnn_tstride2_32x40 an earlier validation "
                           "model of the same paper, cnn-trad-fpool3 and cnn-tpool2 "
                           "earlier test models; [U] the PAD of one row above and "
                           "below, VALID, one DNN layer, 12 classes"),
    "alexnet_owt_224": ("AlexNet one-tower (one weird trick)", "plain / longk "
                        "(partly: plain's VGG stacks of RELU convs with max pools, "
                        "flatten + FC + SOFTMAX to 1000 classes; longk's stride-4 "
                        "VALID convs along one axis); a PAD then an 11x11/4 VALID "
                        "conv on 228 x 228 x 3 (no space draws an 11x11 CONV_2D nor "
                        "a stride of 4 on both axes), 3x3/2 max pools, three FCs of "
                        "9216 -> 4096 -> 4096 -> 1000 with 58.6 M weights (plain "
                        "has one FC, the spaces' largest at most 12.8 M) new; "
                        "alexnet_224 (the same network, its stem as space-to-depth "
                        "and a 3x3 conv) an earlier validation model of the same "
                        "paper, OverFeat an earlier test model; [U] NHWC flatten, "
                        "no LRN"),
    # held-out families XXXVIII (session 32, pre-registered); no training space draws
    # any of them exactly
    "sngan_gen_cifar_32": ("SNGAN generator (standard CNN)", "upsample / tiny (partly: "
                           "sr's SAME TRANSPOSE_CONVs of stride 2; tiny's "
                           "FULLY_CONNECTED on a flat vector); a 128-d code, an FC to "
                           "8,192 RESHAPEd to 4 x 4 x 512, three chained 4x4/2 "
                           "TRANSPOSE_CONVs from 512 / 256 / 128 channels with RELU "
                           "fused (the spaces' take at most 256), a 3x3 conv to 3 and "
                           "a standalone TANH new; the DCGAN generator (5x5 kernels, "
                           "1,024 channels) an earlier test model; [U] BN + RELU after "
                           "the dense layer, SAME"),
    "lsgan_gen_112": ("LSGAN generator (LSUN)", "upsample / tiny (partly: SAME "
                      "TRANSPOSE_CONVs of stride 2; tiny's FULLY_CONNECTED on a flat "
                      "vector); an FC of 12.8 M weights (1,024 -> 12,544; tiny's stop "
                      "at 4 M) RESHAPEd to 7 x 7 x 256, seven 3x3 TRANSPOSE_CONVs of "
                      "which three of stride 1 (the spaces' are stride 2), 256 -> 256 "
                      "channels at 14 and 28, a 112 x 112 x 3 TANH image and 1.2 G "
                      "MACs new; the DCGAN generator an earlier test model; [U] the "
                      "stride-1 layers as TRANSPOSE_CONV, SAME"),
    "infogan_gen_mnist_28": ("InfoGAN generator (MNIST)", "upsample / tiny (partly: "
                             "SAME TRANSPOSE_CONVs of stride 2; tiny's FCs on a flat "
                             "vector); a 74-d input, two FCs (74 -> 1,024 -> 6,272) "
                             "RESHAPEd to 7 x 7 x 128, 4x4/2 TRANSPOSE_CONVs to 64 and "
                             "to one channel and a standalone LOGISTIC image new; the "
                             "DCGAN generator an earlier test model; [U] LOGISTIC "
                             "output (the authors' Bernoulli mean), SAME"),
    "srgan_disc_96": ("SRGAN discriminator", "plain / agg (partly: plain's VGG stacks "
                      "of 3x3 convs up to 512 filters; agg's and plain's standalone "
                      "LEAKY_RELU 0.1; flatten + FC); stride-2 3x3 SAME convs in "
                      "place of pools, LEAKY_RELU 0.2 after every conv and after an "
                      "FC of 18,432 -> 1,024 (18.9 M weights; plain has one FC, the "
                      "spaces' largest at most 12.8 M), an FC to one output and a "
                      "LOGISTIC new; EDSR-baseline and VGG-11 (CIFAR) earlier models; "
                      "[U] SAME, BN folded, NHWC flatten"),
    "zfnet_224": ("ZFNet", "plain / longk (partly: plain's stacks of RELU convs with "
                  "max pools, flatten + FC + SOFTMAX to 1000 classes); a PAD then a "
                  "7x7/2 VALID conv of 96 (no space draws a 7x7 CONV_2D of 96 on 226 x "
                  "226 x 3), a 5x5/2 VALID conv of 256, SAME and VALID 3x3/2 max pools, "
                  "three FCs of 9216 -> 4096 -> 4096 -> 1000 with 58.6 M weights "
                  "(plain has one FC) new; alexnet_224 and alexnet_owt_224 (the "
                  "same layout with an 11x11/4 stem) earlier models; [U] no LRN, "
                  "PAD 1 and SAME pools to keep the figure's 110 / 55 / 13, NHWC "
                  "flatten"),
    "m5_raw_32000": ("M5 (raw waveform, time along W)", "tiny (partly: 1-D RELU "
                     "convs, max pools, MEAN, FC 10, SOFTMAX); 32,000 samples laid "
                     "out as 1 x 32000 x 1, a PAD of 38 / 38 then a 1x80 VALID conv "
                     "of stride 4 along W, 256 / 512 filters and 1x4 pools new to "
                     "tiny; m5_32000 (the same network on [1, 32000, 1, 1] with a "
                     "SAME stride-4 conv, no PAD) an earlier test model; [U] layout, "
                     "PAD + VALID for the 8000-sample first map, SAME 1x3 convs, "
                     "VALID pools, MEAN, 10 classes"),
    # held-out families XXXVIII, part b (session 32, addendum 1, pre-registered); no
    # training space draws either exactly
    "wav2letter_raw_16000": ("Wav2Letter (raw waveform)", "tiny (partly: 1-D RELU "
                             "convs of kernel height 1); 16,000 samples laid out as 1 "
                             "x 16000 x 1, a 1x250 VALID conv of stride 160 along W "
                             "to 250 channels, a 1x48 conv of stride 2, seven 1x7 "
                             "convs of 250, a 1x32 conv to 2,000 channels (16 M "
                             "weights), 1x1 convs 2000 -> 2000 -> 40 with a linear "
                             "output and no head, 1.3 G MACs new (tiny's filters stop "
                             "at 128, its MACs at 100 M); M5 (m5_32000, m5_raw_32000) "
                             "an earlier raw-waveform model; [U] layout, VALID first "
                             "conv without PAD, SAME after it, RELU, linear letters"),
    "wav2vec_enc_16000": ("wav2vec feature encoder", "tiny (partly: 1-D RELU convs of "
                          "kernel height 1); 16,000 samples laid out as 1 x 16000 x 1, "
                          "five VALID convs of 512 channels (tiny's filters stop at "
                          "128) with kernels 10 / 8 / 4 / 4 / 4 and strides 5 / 4 / 2 "
                          "/ 2 / 2 along W, no head, 2.4 G MACs new; M5 (m5_32000, "
                          "m5_raw_32000) an earlier raw-waveform model; [U] layout, "
                          "VALID (the paper's unpadded causal convs), no group norm"),
    # held-out families XXXIX (session 32, addendum 3, pre-registered); no training
    # space draws any of them exactly
    "rednet30_64": ("RED-Net-30", "sesr / upsample / dil / plain (partly: sesr's 3x3 "
                    "conv stacks with RELU on a one-channel input; dil's stride-1 3x3 "
                    "CONV_2Ds of 64; upsample's and ext's TRANSPOSE_CONVs, all of "
                    "stride 2); fifteen 3x3 TRANSPOSE_CONVs of stride 1 (64 -> 64, "
                    "the last to one channel; no space draws a stride-1 "
                    "TRANSPOSE_CONV), seven skip ADDs (RELU) of conv maps onto "
                    "transposed-conv maps of 64 x 64 x 64, 30 layers and 4.23 G MACs "
                    "new; dncnn_17_64x64 and vdsr_20_64x64 (64-wide 3x3 chains, "
                    "convs only) earlier test models; [U] 64 x 64, SAME, skip "
                    "placement, linear output, no global residual"),
    "vgg_m_224": ("VGG-M (CNN-M)", "plain (partly: plain's stacks of RELU "
                  "convs with max pools, flatten + FC + SOFTMAX to 1000 classes); a "
                  "7x7/2 VALID conv of 96 on 224 x 224 x 3, a PAD then a 5x5/2 VALID "
                  "conv of 256, three 3x3 convs of 512 at 13 x 13, three FCs of 18432 "
                  "-> 4096 -> 4096 -> 1000 with 96.4 M weights (plain has one FC, the "
                  "spaces' largest at most 12.8 M) new; zfnet_224 (the same stem "
                  "after a PAD), alexnet_owt_224 and vgg16_224 earlier test models; "
                  "[U] no LRN, 3x3/2 pools, PAD 1 and a SAME pool to keep 26 / 13, "
                  "NHWC flatten"),
    "vgg_f_224": ("VGG-F (CNN-F)", "plain (partly: plain's stacks of RELU "
                  "convs with max pools, flatten + FC + SOFTMAX to 1000 classes); an "
                  "11x11/4 VALID conv of 64 on 224 x 224 x 3 without PAD (no space "
                  "draws an 11x11 CONV_2D nor a stride of 4 on both axes), a SAME "
                  "3x3/2 pool, a 5x5 conv of 256 at 27 x 27, three FCs of 9216 -> "
                  "4096 -> 4096 -> 1000 with 58.6 M weights (plain has one FC) new; "
                  "alexnet_owt_224 (the same layout, wider) and zfnet_224 earlier "
                  "test models; [U] no LRN, 3x3/2 pools, SAME first pool (27), NHWC "
                  "flatten"),
    "char_cnn_large_1014": ("Char-CNN, large", "tiny (partly: 1-D RELU convs of "
                            "kernel height 1, max pools, flatten + FC + SOFTMAX); "
                            "1,014 characters x 70 laid out as 1 x 1014 x 70, six "
                            "VALID convs of 1,024 features (tiny's filters stop at "
                            "128) with kernels 7 / 7 / 3 / 3 / 3 / 3 along W, 1x3 "
                            "pools of stride 3, an FC of 34,816 -> 2,048 (71.3 M "
                            "weights; tiny's FCs stop at 4 M), 4.3 G MACs new; "
                            "Kim's sentence CNN (textcnn_kim_56x300) an earlier "
                            "text model; [U] layout, 4 classes, NHWC flatten, "
                            "SOFTMAX"),
    # held-out families XL, part A (session 33, pre-registered); no training space
    # draws any of them exactly
    "vgg_s_224": ("VGG-S (CNN-S)", "plain (partly: plain's stacks of RELU convs with "
                  "max pools, flatten + FC + SOFTMAX to 1000 classes; tiny's and "
                  "longk's VALID max pools of stride 3); a 7x7/2 VALID conv of 96 on "
                  "224 x 224 x 3, a SAME 3x3/3 max pool (109 -> 37; the spaces' "
                  "stride-3 pools are VALID), a PAD then a 5x5 stride-1 VALID conv of "
                  "256 at 39 x 39, a SAME 2x2/2 pool, three 3x3 convs of 512 at 18 x "
                  "18, three FCs of 18432 -> 4096 -> 4096 -> 1000 with 96.4 M weights "
                  "(plain has one FC, the spaces' largest at most 12.8 M) new; "
                  "vgg_m_224 (the same layer widths with a stride-2 conv 2 and 3x3/2 "
                  "pools) and zfnet_224 earlier test models; [U] no LRN, PAD 1 and "
                  "SAME pools to keep 37 / 35 / 18, NHWC flatten"),
    "overfeat_accurate_221": (
        "OverFeat (accurate model)",
        "plain / longk (partly: plain's VGG stacks of RELU convs up to 512 filters "
        "with 2x2/2 max pools, flatten + FC + SOFTMAX to 1000 classes; tiny's and "
        "longk's VALID max pools of stride 3); a 7x7/2 VALID conv of 96 on 221 x 221 "
        "x 3, a 7x7 stride-1 VALID conv of 96 -> 256 at 36 x 36, 3x3 convs of 512, "
        "512, 1024, 1024 at 15 x 15, a 3x3/3 pool to 5 x 5 x 1024, three FCs of "
        "25,600 -> 4096 -> 4096 -> 1000 with 125.7 M weights (plain has one FC, the "
        "spaces' largest at most 12.8 M) and 5.36 G MACs new; overfeat_fast_231 (the "
        "same paper's fast model) and zfnet_224 earlier test models; [U] VALID / "
        "SAME as Table 3's sizes need, NHWC flatten"),
    "dcgan_gen_mnist_28": ("DCGAN generator (TensorFlow tutorial, MNIST)", "upsample / "
                           "tiny (partly: sr's SAME 5x5 TRANSPOSE_CONVs of stride 2; "
                           "tiny's FULLY_CONNECTED on a flat vector; plain's and "
                           "agg's standalone LEAKY_RELU 0.1); a 100-d code, an FC to "
                           "12,544 (tiny's widths stop at 512) followed by a "
                           "standalone LEAKY_RELU 0.3 (the spaces' slope is 0.1), "
                           "RESHAPEd to 7 x 7 x 256, a 5x5 TRANSPOSE_CONV of stride "
                           "1 (256 -> 128; no space draws a stride-1 "
                           "TRANSPOSE_CONV), 5x5/2 TRANSPOSE_CONVs to 64 and to one "
                           "channel without bias and a standalone TANH new; "
                           "dcgan_generator_64 (the paper's generator, RELU) and "
                           "infogan_gen_mnist_28 earlier test models; [U] BN folded "
                           "into biases, LEAKY_RELU and TANH standalone"),
    "acgan_gen_cifar_32": ("AC-GAN generator (CIFAR-10)", "upsample / tiny (partly: "
                           "sr's SAME 5x5 TRANSPOSE_CONVs of stride 2; tiny's "
                           "FULLY_CONNECTED on a flat vector); a 110-d input, an FC to "
                           "6,144 (tiny's widths stop at 512) RESHAPEd to 4 x 4 x 384, "
                           "5x5/2 TRANSPOSE_CONVs from 384 and 192 channels with RELU "
                           "fused (the spaces' take at most 256), a 5x5/2 "
                           "TRANSPOSE_CONV to 3 and a standalone TANH new; "
                           "dcgan_generator_64 and sngan_gen_cifar_32 (the same 4 -> "
                           "32 layout with 4x4 kernels) earlier test models; [U] the "
                           "reshape to 4 x 4 x 384, biases, SAME, BN folded"),
    # held-out families XL, part b (session 33, pre-registered); no training space
    # draws any of them exactly
    "conv_tasnet_enc_8000": ("Conv-TasNet (encoder, one repeat)", "dil / longk "
                             "(partly: dil's DEPTHWISE_CONV_2Ds dilated 1-128 along W "
                             "of at most 128 channels and 60 M MACs, residual ADDs; "
                             "longk's long first convs along W, strides up to 4); "
                             "8,000 samples laid out as 1 x 8000 x 1, a 1x16 VALID "
                             "conv of stride 8 to 512 channels (999 frames), eight "
                             "blocks of 1x1 128 -> 512, PRELU, a 1x3 depthwise conv "
                             "of 512 dilated 1 ... 128, PRELU, 1x1 512 -> 128, ADD, "
                             "a LOGISTIC mask head SPLIT into two MULs with the "
                             "encoder output, 1.26 G MACs new; ms_tcn_stage_512x2048 "
                             "and tcn_smnist_784 (dilated 1-D stacks) and "
                             "wav2vec_enc_16000 (strided raw-waveform convs) earlier "
                             "test models; [U] one repeat, norms folded, no skip "
                             "paths, no decoder, layout, two outputs"),
    "demucs_enc4_4096": ("Demucs encoder (4 blocks)", "longk / recurrent (partly: "
                         "longk's first 1x8 VALID convs of stride 4 along W on "
                         "2-channel signals, 4,096 samples not among its lengths, "
                         "and 64 filters; recurrent's SPLIT into gates, LOGISTIC, "
                         "MUL); four 1x8 stride-4 convs to 64 / 128 / 256 / 512 "
                         "channels (beyond the first), each followed by a 1x1 conv "
                         "to 2C and a GLU (SPLIT of the channels, LOGISTIC, MUL) new; "
                         "wav2vec_enc_16000 and m5_raw_32000 earlier raw-waveform "
                         "models; [U] 4,096 samples, four blocks, layout, VALID"),
    "vdcnn9_1024": ("VDCNN-9", "tiny (partly: 1-D RELU convs of kernel height 1, "
                    "max pools, flatten + FC + SOFTMAX); 1,024 characters x 16 laid "
                    "out as 1 x 1024 x 16, nine 1x3 SAME convs of 64 to 512 "
                    "(tiny's filters stop at 128, its operators at 12), SAME 1x3 "
                    "max pools of stride 2, a 1x16 pool of stride 16, FCs of 4096 "
                    "-> 2048 -> 2048 -> 4 (12.6 M weights; tiny's FCs stop at 4 M), "
                    "305 M MACs new; char_cnn_large_1014 (the same task and "
                    "layout) an earlier test model; [U] no lookup, layout, BN "
                    "folded, the k-max pool as a max pool to 8, 4 classes"),
    "preact_resnet18_cifar_32": ("PreAct ResNet-18 (CIFAR)", "resnet / bcast "
                                 "(partly: resnet draws this layout post-activation: "
                                 "a 3x3 stem of 64 at 32 x 32 x 3, basic blocks of "
                                 "64-512, 1x1 stride-2 projections, every ADD with "
                                 "RELU fused; bcast's per-channel MUL / ADD "
                                 "constants); the pre-activation order (per-channel "
                                 "MUL + ADD RELU before each unit, linear residual "
                                 "ADDs, the projection on the pre-activated map) at "
                                 "ResNet-18 width new; wrn16_4_cifar (pre-activation, "
                                 "standalone RELUs), resnet20_cifar_32, resnet18_224 "
                                 "and pyramidnet110_a48_cifar_32 (MUL + ADD batch "
                                 "norms) earlier test models; [U] BN as MUL + ADD, "
                                 "SAME, MEAN, SOFTMAX"),
    # held-out families XLI, part a (session 33, addendum 2, pre-registered); no
    # training space draws any of them exactly
    "char_cnn_small_1014": ("Char-CNN, small", "tiny (partly: 1-D RELU convs of "
                            "kernel height 1, max pools of stride 3, flatten + FC + "
                            "SOFTMAX); 1,014 characters x 70 laid out as 1 x 1014 x "
                            "70 (tiny's sensor windows stop at 256), six VALID convs "
                            "of 256 features (tiny's filters stop at 128) with "
                            "kernels 7 / 7 / 3 / 3 / 3 / 3 along W (tiny draws no "
                            "width 7), an FC of 8,704 -> 1,024 (8.9 M weights; "
                            "tiny's FCs stop at 4 M), 370 M MACs new; "
                            "char_cnn_large_1014 (the same network at 1,024 / 2,048 "
                            "widths) and vdcnn9_1024 earlier test models; [U] "
                            "layout, 4 classes, NHWC flatten, SOFTMAX"),
    "samplecnn_59049": ("SampleCNN 3^9", "longk (partly: longk's 1-D signals of one "
                        "channel along W with a first conv of stride 3 and VALID "
                        "max pools of stride 3; 1x3 SAME RELU convs); 59,049 "
                        "samples (longk's lengths stop at 16,000), a 1x3 / 3 conv "
                        "to 128 at 19,683 frames, nine modules of a 1x3 SAME conv "
                        "of 128 to 512 (longk's layers stop at 128 filters) and a "
                        "1x3 / 3 max pool down to one frame, a 1x1 conv of 512, an "
                        "FC to 50 tags with a standalone LOGISTIC, 1.73 G MACs "
                        "(longk's stop at 50 M) new; m5_raw_32000 and "
                        "wav2letter_raw_16000 earlier raw-waveform models; [U] the "
                        "1x1 conv RELU, BN folded, layout, RESHAPE flatten"),
    "soundnet8_220500": ("SoundNet, 8 layers", "longk (partly: longk's long first "
                         "1-D convs of up to 80 taps on a one-channel signal along "
                         "W, stride 2, max pools); 220,500 samples (longk's lengths "
                         "stop at 16,000), seven PADs each before a VALID stride-2 "
                         "conv (64, 32, 16, 8, 4, 4, 4 taps; the pads not SAME), 1x8 "
                         "/ 8 and 1x4 / 4 max pools (longk's pool strides stop at "
                         "3), convs to 256, 512, 1,024 and 1,401 channels (longk's "
                         "layers stop at 128), no head new; m5_raw_32000 (a PAD "
                         "and strided VALID convs on the raw waveform), "
                         "wav2letter_raw_16000 and wav2vec_enc_16000 earlier "
                         "test models; [U] 10 s input, the two conv8 heads as one "
                         "conv, no softmax, BN folded, layout"),
    # held-out families XLI, part b (session 33, addendum 2, pre-registered); no
    # training space draws any of them exactly
    "inceptiontime_1000": ("InceptionTime (one network)", "agg / longk (partly: "
                           "agg's Inception-like parallel branches of 1x1 convs and "
                           "a 3x3 stride-1 max pool + 1x1 CONCATENATED, on 2-D "
                           "maps; longk's long first convs along W on 1 x T x 1 "
                           "inputs, T 1,000 among its lengths); six modules of "
                           "1x39, 1x19, 1x9 SAME convs of 32 RELU on a 1x1 "
                           "bottleneck, a 1x3 stride-1 SAME max pool + 1x1 conv, "
                           "CONCATENATION to 128 at 1 x 1000, 1x1 conv shortcuts "
                           "ADDed with RELU every third module, 403 M MACs new; "
                           "keras_timeseries_fcn_500 (a 1-D time-series FCN) and "
                           "googlenet_224 (2-D inception modules) earlier test "
                           "models; [U] one network, 1,000 steps, 10 classes, "
                           "lengths 39 / 19 / 9, BN folded, layout"),
    "resnet_ts_500": ("ResNet for time series (Wang et al.)", "longk / resnet "
                      "(partly: longk's 1x8 first convs and 1xk layers along W on "
                      "1 x 500 x 1, MEAN, FC 2, SOFTMAX, at most five convs and 50 M "
                      "MACs, no ADD; resnet's blocks with 1x1 projection shortcuts "
                      "and ADD with RELU fused, on 2-D images); three residual "
                      "blocks of 1x8, 1x5, 1x3 SAME convs of 64 / 128 / 128 at 1 x "
                      "500, eleven convs, 250 M MACs new; keras_timeseries_fcn_500 "
                      "(the same paper's FCN, as Keras's tutorial builds it) and "
                      "tc_resnet8_98x40 (1-D residual blocks) earlier test models; "
                      "[U] 500 steps, 2 classes, identity shortcut in block 3, BN "
                      "folded, layout"),
    "quartznet5x5_64x256": ("QuartzNet 5x5", "mbconv / dil (partly: mbconv's "
                            "depthwise + 1x1 pairs with residual ADDs, kernels 3-7; "
                            "dil's 1-D DEPTHWISE_CONV_2Ds along W of kernels 2-7 "
                            "dilated up to 128, widths up to 128, 60 M MACs); 256 "
                            "frames x 64 mel features laid out as 1 x 256 x 64, "
                            "1-D depthwise convs of 33, 39, 51, 63, 75 and 87 taps "
                            "(the last dilated 2) on 64-512 channels, 1x1 convs to "
                            "256 / 512 / 1,024 / 29, 1x1 conv residuals ADDed with "
                            "RELU, 856 M MACs new; matchboxnet_3x1x64 (the same "
                            "separable blocks, kernels 11-29) and "
                            "contextnet14_1024x512 earlier test models; [U] 256 "
                            "frames, layout, 29 labels, no log-softmax, BN folded"),
    # held-out families XLII, part E (session 33, addendum 3, pre-registered); no
    # training space draws any of them exactly
    "marblenet_3x2x64": ("MarbleNet 3x2x64", "kws / dscnn (partly: MFCC in, "
                         "separable convs; the dscnn space's depthwise kernels are "
                         "3x3, it has no ADD); 64 frames x 64 MFCC laid out as 1 x 64 "
                         "x 64, 1-D time-channel separable convs of 11-29 taps (the "
                         "last dilated 2) at stride 1, two sub-blocks a block, 1x1 "
                         "residual ADDs with RELU, a 2-class 1x1 conv + MEAN + "
                         "SOFTMAX new; matchboxnet_3x2x64 (the same blocks at 128 "
                         "frames, a stride-2 prologue, 12 classes) and "
                         "quartznet5x5_64x256 earlier test models; [U] 64 frames, "
                         "stride 1, MEAN decoder, SOFTMAX, SAME, BN folded, layout"),
    "envnet_v2_66650": ("EnvNet-v2", "longk / plain (partly: longk's long first 1-D "
                        "convs of up to 80 taps on a one-channel signal along W, "
                        "stride 2; plain's VGG stacks of RELU convs with max pools "
                        "and flatten + FC + SOFTMAX); 66,650 samples (longk's "
                        "lengths stop at 16,000), a second 1x16 / 2 conv to 64 "
                        "channels at 16,640 frames, a 1x64 / 64 max pool (longk's "
                        "pool strides stop at 3), a TRANSPOSE of the 64 channels "
                        "into the height (no space draws a TRANSPOSE but shuffle's "
                        "channel shuffle), 8x8 VALID convs on 64 x 260 x 1, a 5x3 / "
                        "(5, 3) max pool, FCs of 20,480 -> 4,096 -> 4,096 -> 50 with "
                        "100.9 M weights (tiny's FCs stop at 4 M, longk's at 2 M, "
                        "plain draws one FC), 1.62 G MACs new; alexnet_owt_224 (FCs "
                        "of 4,096), soundnet8_220500 and m5_raw_32000 (strided VALID convs on "
                        "the raw waveform) earlier test models; [U] VALID, the swap "
                        "as a TRANSPOSE, BN folded, NHWC flatten, SOFTMAX"),
    "abdoli_esc_16000": ("1-D CNN for environmental sounds (Abdoli et al.)", "longk "
                         "(partly: longk's 1-D signals of one channel along W, 16,000 "
                         "among its lengths, a long first conv of 64 taps and stride "
                         "2 to 16 filters, one max pool, flatten + FC 64 + FC 10 + "
                         "SOFTMAX); two 1x8 / 8 max pools (longk's one pool strides "
                         "at most 3) and VALID stride-2 convs of 32, 16 and 8 taps "
                         "after the first (longk's later layers are SAME, of at most "
                         "16 taps) new; m5_raw_32000, soundnet8_220500 and "
                         "wav2letter_raw_16000 earlier raw-waveform test models; [U] "
                         "one hidden FC of 64, VALID, BN folded, layout, RESHAPE "
                         "flatten"),
    # held-out families XLII, part F (session 33, addendum 3, pre-registered); no
    # training space draws any of them exactly, two come close
    "resnet18_cifar_32": ("ResNet-18 (CIFAR)", "resnet (partly, and close: the space "
                          "draws this whole graph but its last operator -- a 3x3 "
                          "stem of 64 RELU at 32 x 32 x 3, four stages of two basic "
                          "blocks of 64 / 128 / 256 / 512, 1x1 stride-2 "
                          "projections, every ADD with RELU fused, MEAN, FC 10 -- "
                          "and never a SOFTMAX after it); the SOFTMAX new; "
                          "preact_resnet18_cifar_32 (the same convs, "
                          "pre-activated), resnet20_cifar_32 and resnet18_224 "
                          "earlier test models; [U] ImageNet widths on the CIFAR "
                          "stem, no max pool, option B projections, BN folded, "
                          "SAME, MEAN, SOFTMAX"),
    "vgg16_cifar_32": ("VGG-16 (CIFAR)", "plain (partly, and close: plain's vgg "
                       "draws configuration D at width 1 on 32 x 32 x 3, thirteen "
                       "3x3 SAME convs with RELU fused, 2x2 max pools, flatten, FC "
                       "10, SOFTMAX); the hidden FC 512 RELU of the CIFAR head new "
                       "(plain's VGG head is one FC); vgg11_cifar (configuration A "
                       "at 32, one FC) and vgg16_224 earlier test models; [U] the "
                       "FC 512 + FC 10 head, BN folded, no dropout, SAME"),
    "nin_cifar_32": ("Network-in-Network (CIFAR-10)", "plain (partly: plain's 3x3 "
                     "conv stacks with RELU fused and max pools on 32 x 32 x 3, "
                     "MEAN + FC + SOFTMAX); mlpconv blocks of a 5x5 conv of 192 "
                     "and two 1x1 convs (160 / 96, 192 / 192) at 32 x 32 and 16 x "
                     "16, a 3x3 / 2 SAME max pool and a 3x3 / 2 SAME average pool, "
                     "a 3x3 conv of 192, a 1x1 RELU conv to 10 classes averaged by "
                     "MEAN into the SOFTMAX (no FC), 222 M MACs new; nin_224 (the "
                     "ImageNet NIN) an earlier test model; [U] the pools' kinds "
                     "and Caffe's ceil mode as SAME, RELU on the class conv, "
                     "dropout left out"),
    # held-out families XLIII, part G (session 33, addendum 5, pre-registered); no
    # training space draws any of them exactly
    "resnet32_cifar_32": ("ResNet-32 (CIFAR)", "resnet (partly: the space draws a 3x3 "
                          "stem of 16 RELU at 32 x 32 x 3, three stages of basic "
                          "blocks of 16 / 32 / 64 with 1x1 stride-2 projections, "
                          "ADDs with RELU fused, MEAN, FC 10); five blocks a stage "
                          "(the space draws 1-4) and the SOFTMAX new; "
                          "resnet20_cifar (the same layout, n = 3), "
                          "resnet20_cifar_32 (option A) and resnet18_cifar_32 "
                          "earlier test models; [U] option A written as 1x1 "
                          "stride-2 projections, BN folded, SAME, MEAN, SOFTMAX"),
    "densenet_bc100_k12_cifar_32": ("DenseNet-BC-100 (k = 12, CIFAR)", "plain "
                                    "(partly: plain's densenet draws DenseNet-BC of "
                                    "growth 12 at 32 x 32 x 3, a 3x3 stem of 2k = "
                                    "24, bottlenecks of 1x1 4k RELU + 3x3 k "
                                    "concatenated onto the running map, "
                                    "transitions halving the channels with 2x2 "
                                    "average pools, MEAN + FC 10 + SOFTMAX; bcast "
                                    "draws per-channel MUL / ADD constants); 16 "
                                    "layers a block (plain's 2-8), each "
                                    "pre-activation batch norm a per-channel MUL + "
                                    "ADD with RELU fused on a CONCATENATION (plain: "
                                    "a standalone RELU) and 254 ops new; "
                                    "densenet40_k12_cifar_32 (no bottleneck, no "
                                    "compression), densenet121_224 and "
                                    "densenet169_224 earlier test models; [U] batch "
                                    "norms as MUL + ADD (as DenseNet-40), BN folded "
                                    "into the 1x1, MEAN, SOFTMAX"),
    "wrn28_10_cifar_32": ("Wide-ResNet-28-10 (CIFAR-10)", "resnet (partly: CIFAR "
                          "ResNets of basic blocks with 1x1 projections at 32 x 32 "
                          "x 3, MEAN, FC 10); pre-activation blocks with standalone "
                          "RELUs and linear ADDs, four blocks a group at widths 160 "
                          "/ 320 / 640 (the space's stages are 1, 2, 4, 8 times "
                          "its stem, at most 512; never 10 times a stem of 16), "
                          "36.5 M parameters and 5.2 G MACs new; "
                          "wrn16_4_cifar (the same builder at depth 16, width 4) "
                          "and preact_resnet18_cifar_32 earlier test models; [U] "
                          "pre-activation batch norm left out (standalone RELU, as "
                          "WRN-16-4), no dropout, SAME, MEAN, SOFTMAX"),
    # held-out families XLIII, part H (session 33, addendum 5, pre-registered); no
    # training space draws either exactly
    "resnext29_8x64d_cifar_32": ("ResNeXt-29 8x64d (CIFAR)", "resnet (partly: a 3x3 "
                                 "stem of 64 RELU at 32 x 32 x 3, bottleneck blocks "
                                 "to 256 / 512 / 1024 with the stride on the 3x3, "
                                 "1x1 projections, every ADD with RELU fused, MEAN, "
                                 "FC 10); bottlenecks eight times the space's width "
                                 "(1x1 convs to 512-2048), their 3x3 convs grouped "
                                 "in 8 as SPLIT / 8 CONV_2D of 64-256 channels / "
                                 "CONCATENATION (no space convolves every part of a "
                                 "SPLIT: shuffle's and detect's keep one half as it "
                                 "is), "
                                 "5.4 G MACs and 34.4 M weights, the SOFTMAX new; "
                                 "resnext50_32x4d_224 and regnetx_200mf_224 (grouped "
                                 "3x3 convs as SPLIT / CONV_2D / CONCATENATION) "
                                 "earlier test models; [U] grouped convs as SPLIT / "
                                 "CONV_2D / CONCATENATION, the stride on the grouped "
                                 "3x3, option B projections, BN folded, SAME, MEAN, "
                                 "SOFTMAX"),
    "preact_resnet164_cifar_32": ("PreAct ResNet-164 (CIFAR)", "resnet / bcast "
                                  "(partly: resnet draws this layout post-activation "
                                  "and shallower: a 3x3 stem of 16 at 32 x 32 x 3, "
                                  "bottleneck blocks of 16 / 32 / 64 to 64 / 128 / "
                                  "256, 1x1 projections, but 1-4 blocks a stage and "
                                  "every ADD with RELU fused; bcast's per-channel MUL "
                                  "/ ADD constants); the pre-activation order in "
                                  "bottleneck units (per-channel MUL + ADD RELU "
                                  "before each unit, linear residual ADDs, the "
                                  "projection on the pre-activated map), 18 units a "
                                  "stage and 331 ops new; preact_resnet18_cifar_32 "
                                  "(pre-activation basic blocks, MUL + ADD batch "
                                  "norms), pyramidnet110_a48_cifar_32, wrn16_4_cifar "
                                  "and resnet20_cifar_32 earlier test models; [U] BN "
                                  "as MUL + ADD, the first unit's BN folded into the "
                                  "stem, the stride on the 3x3, SAME, MEAN, SOFTMAX"),
    # held-out families XLIV, part A (session 34, addendum 1, pre-registered); no
    # training space draws any of them exactly
    "vggish_96x64": ("VGGish (AudioSet embedding)", "plain / tiny (partly: plain's "
                     "vgg draws configuration A's first four conv groups -- 3x3 "
                     "SAME RELU convs of 64, 128, 256 x 2, 512 x 2 with 2x2 max "
                     "pools -- with flatten + one FC, but on a square 3-channel "
                     "image of 32-160; tiny draws one-channel spectrograms with at "
                     "most 12 ops, 100 M MACs and 4 MB a FC); the 96 x 64 x 1 "
                     "log-mel input under that stack, the FC 4096 RELU x 2 + FC 128 "
                     "head (50 M weights in the first FC, 72.1 M in all) and 864 M "
                     "MACs new; vgg11_cifar (configuration A at 32), vgg16_224 and "
                     "envnet_v2_66650 (FC 4096 RELU pairs on an audio map) earlier "
                     "test models; [U] the linear 128 embedding, SAME, NHWC "
                     "flatten"),
    "panns_cnn6_1001x64": ("PANNs CNN6 (AudioSet tagging)", "tiny / bcast / longk "
                           "(partly: tiny's one-channel spectrograms under 5x5 RELU "
                           "convs and 2x2 average pools, at most 12 ops and 100 M "
                           "MACs; bcast's MEAN over one axis kept; longk's 2-D maps "
                           "of one channel up to 128 a side and one-axis pools); "
                           "the 1001 x 64 x 1 input, 5x5 convs of 128-512 of 3.3 G "
                           "MACs each (9.9 G in all), the whole-time-axis 62 x 1 "
                           "MAX_POOL_2D ADDed to a MEAN over time, an FC to 527 "
                           "classes and a LOGISTIC over them new; "
                           "samplecnn_59049 (a LOGISTIC over 50 tags), "
                           "textcnn_kim_56x300 (max over time as a MAX_POOL_2D) "
                           "and bc_resnet1_40x101 (MEANs over the frequency axis) "
                           "earlier test models; [U] the input batch norm left out, "
                           "BN folded, SAME, max over time as a stride-1 "
                           "MAX_POOL_2D, no dropout"),
    "mtcnn_onet_48": ("MTCNN O-Net (face detection, third stage)", "tiny / sesr / "
                      "ext / detect (partly: tiny draws a 48 x 48 x 3 image "
                      "under VALID RELU convs of 32 / 64 / 128 filters, max pools, "
                      "flatten, an FC 256 and one FC head, at most 12 ops; sesr "
                      "and ext draw standalone PRELU on 4-D maps; detect graphs "
                      "with several outputs); standalone PRELU after every conv and "
                      "on a [1, 256] FC output (slopes [256]), a 2x2 conv, 3x3 / 2 "
                      "max pools (SAME and VALID), three FC heads (2 + SOFTMAX, 4, "
                      "10) as three graph outputs and 18 ops new; "
                      "mobilefacenet_112 (standalone PRELU), blazeface_128 and "
                      "yunet_320 (face detectors with several outputs) earlier test "
                      "models; [U] the first pool SAME (Caffe's ceil mode), PRELU "
                      "slopes per channel, NHWC flatten, softmax on the face head "
                      "only"),
    # held-out families XLIV, part B (session 34, addendum 1, pre-registered); no
    # training space draws either exactly
    "fastdepth_224": ("FastDepth (MobileNet-NNConv5, additive skips)", "mobilenet / "
                      "upsample / ext (partly: mobilenet draws this MobileNet-v1 1.0 "
                      "encoder at 224 x 224 x 3, with RELU6 fused and a classifier "
                      "head (families' vww the RELU form at alpha <= 0.5 and <= 128 "
                      "px); upsample's encdec and ext's factorised decoders of 2x "
                      "nearest RESIZEs, 1x1 convs RELU and ADD skips at up to 224 x "
                      "224); the encoder with RELU at width 1.0, a decoder of five "
                      "5x5 depthwise convs RELU (no space draws a depthwise conv and "
                      "a nearest RESIZE in one graph) with 1x1 convs from 1,024-64 "
                      "channels and RESIZEs of 512-channel maps (the spaces' "
                      "decoders take at most 256), the one-channel RELU depth map "
                      "at 224 x 224 and 737 M MACs new; mobilenet_v1_1.0_224 (the "
                      "same encoder with RELU6 and a classifier), lw_openpose_368 "
                      "(the MobileNet-v1 body) and portraitnet_224 (a MobileNet "
                      "encoder-decoder with ADD skips) earlier test models; [U] "
                      "RELU for ReLU6, the skips ADDed after the up-sampling "
                      "(linear), BN folded, the final RELU"),
    "cyclegan_gen_r6_128": ("CycleGAN generator (6 residual blocks)", "upsample / ext "
                            "/ resnet (partly: upsample's encdec draws 3x3 / 2 convs "
                            "RELU down and 3x3 / 2 SAME TRANSPOSE_CONVs RELU up at "
                            "128 x 128 x 3, ext's factorised 3x3 / 2 SAME "
                            "TRANSPOSE_CONVs RELU; resnet basic blocks of two 3x3 "
                            "convs, but every ADD with RELU fused); 7x7 stride-1 "
                            "convs at 128 x 128 (3 -> 64, 64 -> 3), six residual "
                            "blocks of 256 channels at 32 x 32 with linear ADDs, the "
                            "TANH image (no space that up-samples draws a TANH) and "
                            "8.8 G MACs new; pix2pix_unet_256 (an image-to-image GAN "
                            "generator with a TANH output), edsr_x2_48 (residual "
                            "blocks with linear ADDs) and rednet30_64 earlier test "
                            "models; [U] instance norm folded, zero SAME padding for "
                            "reflection padding, TRANSPOSE_CONV 3x3 / 2 SAME, linear "
                            "residual sums, TANH standalone"),
    # held-out families XLV, part C (session 34, addendum 2, pre-registered); no
    # training space draws either exactly
    "sphereface20_112x96": ("SphereFace-20 (face recognition embedding)", "resnet / "
                            "ext / sesr (partly: resnet draws stages of basic blocks "
                            "of two 3x3 convs at 64 / 128 / 256 / 512 channels, but "
                            "on square 32-128 inputs, with 1x1 projections, every "
                            "ADD with RELU fused and a MEAN head; ext and sesr draw "
                            "standalone PRELU after 3x3 convs, but no FC in any "
                            "graph with a PRELU); the 112 x 96 x 3 input, a 3x3 / 2 "
                            "conv opening each stage, PRELU after every conv with "
                            "linear identity ADDs, 3x3 convs of 512 on a 7 x 6 map, "
                            "the flatten of 7 x 6 x 512 into an FC 512 (11 M "
                            "weights) and 1.75 G MACs new; mobilefacenet_112 (a "
                            "PRELU face embedding at 112), mtcnn_onet_48 "
                            "(standalone PRELU, flatten + FC) and resnet34_224 "
                            "(basic blocks) earlier test models; [U] SAME, PRELU "
                            "standalone per channel, linear ADDs, NHWC flatten, the "
                            "linear embedding"),
    "arcface_iresnet18_112": ("ArcFace IResNet-18 (face recognition embedding)",
                              "resnet / bcast / ext (partly: resnet draws basic "
                              "blocks of 64-512 with 1x1 stride-2 projections, but "
                              "post-activation, every ADD with RELU fused, the "
                              "stride on the first conv and square inputs of "
                              "32-128; bcast's per-channel MUL / ADD constants on "
                              "maps of at most 64 a side; ext's standalone PRELU, "
                              "no FC); the improved residual unit (a per-channel "
                              "MUL + ADD on the unit's input, conv + PRELU, the "
                              "stride on the second conv, linear ADDs), 3x3 convs of "
                              "64 at 112 x 112 (462 M MACs in one), the MUL + ADD "
                              "output block around the flatten of 7 x 7 x 512 into "
                              "an FC 512 (12.8 M weights), the MUL + ADD on the "
                              "[1, 512] feature and 2.6 G MACs new; "
                              "preact_resnet18_cifar_32 (MUL + ADD batch norms "
                              "before basic blocks), resnet18_224 (basic blocks at "
                              "ImageNet scale) and mobilefacenet_112 (a PRELU face "
                              "embedding at 112) earlier test models; [U] the "
                              "stride on the second conv, BNs as MUL + ADD where "
                              "they follow no conv, BN folded elsewhere, PRELU "
                              "standalone, linear ADDs, NHWC flatten, no dropout"),
    # held-out families XLV, part D (session 34, addendum 2, pre-registered); no
    # training space draws either exactly
    "segan_gen_16384": ("SEGAN generator (speech enhancement, raw waveform)",
                        "upsample / longk / recurrent (partly: upsample's encdec "
                        "draws U-Nets of strided convs down, TRANSPOSE_CONVs up and "
                        "CONCATENATION skips, but on square 3-channel images of "
                        "64-224 with 3x3 convs and square stride-2 TRANSPOSE_CONVs, "
                        "and no TANH; longk draws 1-D signals [1, 1, T, C] of up to "
                        "16,000 samples under long 1-D convs, at most 30 ops and 50 M "
                        "MACs; recurrent a second graph input, an [1, H] state); the "
                        "16,384-sample waveform, 1x31 stride-(1, 2) convs of up to "
                        "1,024 channels with standalone PRELU, a second 4-D graph "
                        "input (z, 8 x 1024) concatenated at the bottleneck, 1x31 "
                        "TRANSPOSE_CONVs of stride (1, 2) (no space draws a 1-D "
                        "transposed conv), ten skip CONCATENATIONs on 1-D maps, the "
                        "TANH waveform, 55 ops and 2.2 G MACs new; "
                        "conv_tasnet_enc_8000 (a raw-waveform separator with PRELU), "
                        "pix2pix_unet_256 (a U-Net GAN generator with concatenated "
                        "skips and a TANH output) and demucs_enc4_4096 (a strided "
                        "1-D waveform encoder) earlier test models; [U] the [1, 1, "
                        "W, C] layout, z a second graph input after c, SAME, PRELU "
                        "before each skip concatenation, no normalisation, TANH "
                        "standalone"),
    "segnet_basic_360x480": ("SegNet-Basic (CamVid semantic segmentation)",
                             "upsample / ext / dil (partly: upsample's encdec draws "
                             "conv + 2x2 / 2 MAX_POOL encoders and "
                             "RESIZE_NEAREST_NEIGHBOR decoders, but resizing by "
                             "exactly 2x, with 3x3 and 1x1 RELU convs, skips and a "
                             "linear or LOGISTIC head, on square maps of 64-224; "
                             "ext's decoders resize by 2x or 4x (4h - 3 with "
                             "align_corners) up to 128 x 256; dil's dense head a 1x1 "
                             "conv and a per-pixel SOFTMAX on 2-D maps of up to 96 a "
                             "side); the 360 x 480 x 3 input, 7x7 convs of 64 at up "
                             "to 360 x 480 (34.7 G MACs the last, 59.2 G in all), a "
                             "nearest RESIZE by a non-integer factor (22 x 30 -> 45 x "
                             "60), linear 7x7 convs after the RESIZEs, a SOFTMAX over "
                             "11 classes at 360 x 480 and an encoder-decoder without "
                             "skips new; unet_orig_572 (a max-pool encoder-decoder), "
                             "enet_512 and erfnet_512x256 (segmentation "
                             "encoder-decoders) earlier test models; [U] nearest "
                             "RESIZE for max-unpooling with indices, VALID pools (45 "
                             "-> 22, resized back to 45), BN folded, per-pixel "
                             "SOFTMAX"),
    # held-out families XLVI, part A (session 35, pre-registered); no training space
    # draws either exactly
    "mini_xception_48": ("Mini-Xception (facial emotion classification)", "resnet / "
                         "plain / shuffle / detect / tiny / edge / bcast (partly: "
                         "resnet, plain, shuffle and detect draw a 3x3 / 2 SAME max "
                         "pool, but once, right after the stem conv on a 3-channel "
                         "input; tiny, edge and bcast draw 48 x 48 x 1 images and "
                         "depthwise convs, but no 3x3 / 2 pool (tiny's pools stride "
                         "= window, edge's 2x2, bcast none) and an FC head, tiny and "
                         "edge no ADD); four 3x3 / 2 max pools on the residual "
                         "branch ADDed to 1x1 / 2 conv shortcuts, separable convs on "
                         "a one-channel 48 x 48 face, maps down to 3 x 3 x 128, a "
                         "conv classifier with MEAN and SOFTMAX and no FC new; "
                         "xception_299 (the same modules at ImageNet scale) and "
                         "mtcnn_onet_48 (a 48 x 48 face crop) earlier test models; "
                         "[U] VALID stem convs, SAME elsewhere, BN folded, MEAN for "
                         "the global average pool"),
    "dronet_200": ("DroNet (drone steering and collision, ResNet-8)", "families / "
                   "bcast / detect (partly: families' resnet8 draws MLPerf Tiny's "
                   "ResNet-8 of three residual stages with 1x1 / 2 projections, but "
                   "post-activation, every ADD with RELU fused, on 32-64 square "
                   "3-channel inputs with a pooled FC head; bcast draws per-channel "
                   "MUL / ADD constants on maps of at most 64 a side; detect is the "
                   "only space with several graph outputs, none an FC); the 200 x "
                   "200 x 1 input, a linear 5x5 / 2 stem and a VALID 3x3 / 2 max pool "
                   "(100 -> 49), pre-activation blocks with MUL + ADD + RELU batch "
                   "norms, a standalone RELU on the flatten of 7 x 7 x 128 and two "
                   "one-unit FC heads (linear and LOGISTIC) as two graph outputs "
                   "new; resnet8_cifar (the MLPerf Tiny ResNet-8), "
                   "preact_resnet18_cifar_32 (MUL + ADD pre-activation batch norms), "
                   "pilotnet_66x200 (an end-to-end steering CNN) and mtcnn_onet_48 "
                   "(flatten + FC heads as several outputs) earlier test models; "
                   "[U] linear SAME stem, VALID pool, the second BN folded, the "
                   "first as MUL + ADD + RELU, NHWC flatten, no dropout"),
    # held-out families XLVI, part B (session 35, pre-registered); no training
    # space draws either exactly
    "wave_unet_16384": ("Wave-U-Net (audio source separation, raw waveform)",
                        "upsample / longk (partly: upsample's encdec draws U-Nets "
                        "with CONCATENATION skips and 2x RESIZEs, but on square "
                        "3-channel images of 64-224 with 3x3 convs, no "
                        "STRIDED_SLICE decimation and no TANH; longk draws 1-D "
                        "signals [1, 1, T, C] of up to 16,000 samples under long "
                        "1-D convs, at most 30 ops and 50 M MACs); the "
                        "16,384-sample waveform, 1x15 convs of up to 312 channels "
                        "with standalone LEAKY_RELU, twelve stride-(1, 2) "
                        "STRIDED_SLICE decimations, twelve 1-D RESIZE_BILINEARs, "
                        "twelve skip CONCATENATIONs on 1-D maps, the input "
                        "concatenated before the TANH head, 89 ops and 2.4 G MACs "
                        "new; segan_gen_16384 (a raw-waveform U-Net with "
                        "concatenated skips and a TANH output) and demucs_enc4_4096 "
                        "(a 1-D waveform encoder) earlier test models; [U] the [1, "
                        "1, W, C] layout, SAME, decimation as STRIDED_SLICE, linear "
                        "up-sampling as RESIZE_BILINEAR, LeakyReLU 0.2"),
    "wavenet_2x10_4096": ("WaveNet (raw-audio generative model, small)",
                          "dil / longk (partly: dil draws WaveNet-like layers on 1-D "
                          "sequences [1, 1, T, C], causal PADs before dilated VALID "
                          "convs and TANH(conv) x LOGISTIC(conv) gates of two convs, "
                          "but rates of at most 128, sequences of at most 2,048 "
                          "samples, at most 40 ops and 60 M MACs and no SPLIT; longk "
                          "1-D signals of up to 16,000 samples, at most 30 ops); "
                          "1x2 convs dilated up to 512 along W (a dilated kernel 513 "
                          "wide), twenty gates as one conv to 64 SPLIT into TANH and "
                          "LOGISTIC, residual ADDs and a sum of twenty 1x1 skip "
                          "convs, a 256-way SOFTMAX per sample at 4,096 samples, 202 "
                          "ops and 952 M MACs new; tcn_smnist_784 (a causal dilated "
                          "TCN with PADs) and conv_tasnet_enc_8000 (a waveform "
                          "separator with dilated 1-D convs and a LOGISTIC mask "
                          "after a SPLIT) earlier test models; [U] the small "
                          "configuration, one input channel for the mu-law one-hot, "
                          "the [1, 1, W, C] layout, the causal pad a PAD on the left, "
                          "the filter and gate one conv split, the last residual "
                          "left out"),
    # held-out families XLVII, part C (session 35, addendum 2, pre-registered); no
    # training space draws it exactly
    "melgan_gen_32x80": ("MelGAN generator (mel-spectrogram vocoder, raw waveform)",
                         "upsample / dil / longk / plain / agg (partly: upsample and "
                         "ext draw TRANSPOSE_CONVs, but square 2-D ones of stride 2 "
                         "and kernel 2-9 on images; dil draws dilated 1-D convs and "
                         "a TANH (in gates), on sequences of at most 2,048 samples, "
                         "rates of at most 128, 40 ops and 60 M MACs; longk 1-D "
                         "signals of up to 16,000 samples, at most 30 ops and 50 M "
                         "MACs; plain and agg a standalone LEAKY_RELU of slope 0.1 on "
                         "2-D maps); 1-D TRANSPOSE_CONVs of stride (1, 8) and kernel "
                         "1x16 with up to 2.1 M weights, LEAKY_RELU 0.2 on 1-D maps, "
                         "residual blocks of dilated 1x3 convs with 1x1 conv "
                         "shortcuts, an 80-channel 32-frame input up-sampled 256x to "
                         "a TANH waveform, 84 ops and 1.4 G MACs new; segan_gen_16384 "
                         "(1-D TRANSPOSE_CONVs and a TANH waveform), wave_unet_16384 "
                         "(LEAKY_RELU 0.2 on a 1-D waveform), wavenet_2x10_4096 "
                         "(dilated 1-D convs) and cyclegan_gen_r6_128 (a GAN "
                         "generator of residual blocks with a TANH output) earlier "
                         "test models; [U] 32 frames, the [1, 1, W, C] layout, "
                         "weight norm folded, zero SAME padding for reflection, 1x1 "
                         "conv shortcuts"),
    # held-out family XLVII, part D (session 35, addendum 2, pre-registered); no
    # training space draws it exactly
    "fc_densenet56_224": ("FC-DenseNet56 (CamVid semantic segmentation, Tiramisu)",
                          "upsample / ext / plain / bcast (partly: upsample's encdec "
                          "draws U-Nets of 2-3 levels with RELU TRANSPOSE_CONVs and "
                          "CONCATENATION skips at 64-224, but plain 3x3 convs, no "
                          "dense block and no SOFTMAX; ext's factorised draws dense "
                          "CONCATENATIONs of k x 1 / 1 x k convs and RELU 3x3 / 2 "
                          "TRANSPOSE_CONV decoders without skips on inputs of up to "
                          "128 x 256; plain's densenet draws DenseNet-BC blocks of "
                          "2-8 layers with standalone RELUs and an FC head; bcast "
                          "draws per-channel MUL / ADD constants); five dense blocks "
                          "down and five up at 224-7 pixels, 49 MUL + ADD + RELU "
                          "batch norms on CONCATENATIONs, a 4-layer bottleneck, "
                          "linear TRANSPOSE_CONVs of only the new maps (48 "
                          "channels) concatenated with skips of up to 288, a "
                          "per-pixel SOFTMAX at 224 x 224 x 11, 209 ops and 8.9 G "
                          "MACs new; densenet40_k12_cifar_32 and "
                          "densenet_bc100_k12_cifar_32 (MUL + ADD batch norms on "
                          "dense CONCATENATIONs), densenet121_224, unet_128 and "
                          "erfnet_512x256 (TRANSPOSE_CONV decoders) and "
                          "segnet_basic_360x480 (a per-pixel SOFTMAX) earlier test "
                          "models; [U] 224 x 224, SAME, linear transposed convs, "
                          "batch norms as MUL + ADD + RELU, no dropout"),
    # held-out families XLVIII, part A (session 36, pre-registered); no training space
    # draws them exactly
    "edsr_baseline_x2_64": ("EDSR-baseline x2 (super-resolution)",
                            "upsample / sesr / resnet / plain (partly: upsample's sr "
                            "and sesr draw x2 / x4 SR nets of 3x3 convs of 8-56 "
                            "filters at up to 13 convs, the sub-pixel shuffle as a "
                            "TRANSPOSE_CONV; resnet draws basic blocks of two 3x3 "
                            "convs, 1-4 a stage, ADDs with RELU and a classifier "
                            "head; plain VGG stacks of 64); 16 residual blocks of "
                            "3x3 convs of 64 with linear ADDs at one 64 x 64 "
                            "resolution, a global skip ADD, a conv to 256 and the "
                            "x2 shuffle as the spaces' one-hot TRANSPOSE_CONV "
                            "(addendum 2: Vela 5.2 runs DEPTH_TO_SPACE on the CPU), "
                            "1x1 3 -> 3 mean-shift convs, 56 ops and 5.9 G MACs new; "
                            "carn_m_x2_64 (a 64 x 64 x2 SR net), espcn_x3_100x100 "
                            "(a pixel shuffle) and vdsr_20_64x64 (3x3 conv chains of "
                            "64) earlier test models; [U] 64 x 64, mean shifts as 1x1 "
                            "convs, SAME, conv biases"),
    "ffdnet_gray_128": ("FFDNet grey-scale (denoising)",
                        "sesr / plain / dil (partly: sesr's 3x3 conv stacks with RELU "
                        "on a one-channel input, at most 13 convs of at most 32 "
                        "filters; plain's VGG 3x3 stacks of 64; dil's stride-1 3x3 "
                        "convs of 64, at most 60 M MACs); the space-to-depth as a "
                        "2x2 / 2 conv of fixed 0 / 1 weights and the depth-to-space "
                        "as a one-hot TRANSPOSE_CONV (addendum 2: Vela 5.2 runs "
                        "SPACE_TO_DEPTH and DEPTH_TO_SPACE on the CPU), a second "
                        "graph input (the noise-level map) CONCATENATED onto the "
                        "sub-images, a chain of 15 3x3 convs, 13 of them 64 -> 64, "
                        "at 64 x 64, 18 ops and 2.0 G MACs new; dncnn_17_64x64 and "
                        "vdsr_20_64x64 (the same kind of chain) and espcn_x3_100x100 "
                        "(a pixel shuffle) earlier test models; [U] 128 x 128, "
                        "the map a second input, [sub-images, map], batch norms "
                        "folded, SAME, conv biases"),
    # held-out families XLVIII, part B (session 36, pre-registered); no training
    # space draws them exactly
    "superpoint_240x320": ("SuperPoint (interest points and descriptors)",
                           "plain / sesr / upsample (partly: plain's vgg draws 3x3 "
                           "RELU conv pairs with 2x2 max pools, but RGB at <= 160 px "
                           "with a MEAN or flatten head; sesr and upsample draw "
                           "one-channel SR nets, depth-to-space a TRANSPOSE_CONV); a "
                           "one-channel 240 x 320 encoder, two heads (two graph "
                           "outputs), a 65-way SOFTMAX per 30 x 40 cell, a "
                           "STRIDED_SLICE of the channels, the depth-to-space 8 as "
                           "three one-hot x2 TRANSPOSE_CONVs 64 -> 16 -> 4 -> 1 "
                           "(addendum 2: Vela 5.2 runs DEPTH_TO_SPACE on the CPU), "
                           "a MUL / MEAN over channels / RSQRT / "
                           "broadcast MUL L2 normalisation on a 1 x 1,200 row (no "
                           "space emits RSQRT), 26 ops and 6.5 G MACs new; vgg16_224 "
                           "and vggish_96x64 "
                           "(VGG stacks), espcn_x3_100x100 (a pixel shuffle) and "
                           "fc_densenet56_224 (a per-pixel SOFTMAX) earlier test "
                           "models; [U] the dust-bin a STRIDED_SLICE, the L2 "
                           "normalisation as RESHAPE, MUL, MEAN, RSQRT, MUL, RESHAPE "
                           "(scaled by 16), "
                           "batch norms folded, SAME"),
    "csrnet_b_256": ("CSRNet configuration B (crowd counting, density map)",
                     "plain / dil / ext (partly: plain's vgg draws VGG-16's "
                     "configuration D at <= 160 px with a MEAN or flatten head; dil "
                     "draws dilated 3x3 convs on maps of at most 96 x 96 and 128 "
                     "channels; ext's ESP dilated 3x3 convs after a 1x1 reduction, "
                     "CONCATENATED); VGG-16's first ten convs at 256 x 256 and six "
                     "full 3x3 convs of 512-64 dilated 2 on a 32 x 32 map (27 G "
                     "MACs), no pooled head, 20 ops new; vgg16_224 and "
                     "fcn8s_vgg16_256 (VGG-16 front ends) and "
                     "dilated_context_64x64x21 (a chain of dilated 3x3 convs) "
                     "earlier test models; [U] 256 x 256, SAME, the 1x1 output "
                     "conv linear"),
    # held-out families XLVIII, part C (session 36, addendum 1, pre-registered); no
    # training space draws it exactly
    "srresnet_x4_32": ("SRResNet x4 (SRGAN generator, MSE-trained)",
                       "upsample / sesr / resnet (partly: upsample's sr draws "
                       "super-resolution nets x2 / x4 on 32-120 pixel RGB or grey "
                       "inputs with 16-56 features, 3x3 / 5x5 first convs, at most 5 "
                       "mapping convs and linear convs + standalone PRELU, "
                       "up-sampling by TRANSPOSE_CONV; sesr one-channel PRELU "
                       "chains of at most 32 filters with one residual ADD; resnet "
                       "basic blocks of two 3x3 convs, but every ADD with RELU "
                       "fused); 9x9 CONV_2Ds (no space draws one), the x2 "
                       "shuffles as the spaces' one-hot TRANSPOSE_CONV (addendum "
                       "2: Vela 5.2 runs DEPTH_TO_SPACE on the CPU), 16 residual "
                       "blocks of 64 with PRELU "
                       "and linear ADDs plus a long skip, 3x3 convs to 256 at 32 "
                       "and 64 pixels, 75 ops and 2.6 G MACs new; edsr_x2_48 (RGB "
                       "SR residual blocks of 64 with linear ADDs), "
                       "espcn_x3_100x100 (a pixel shuffle), srcnn_915_64x64 (a 9x9 "
                       "SR conv), carn_m_x2_64 (RGB SR), mobilefacenet_112 "
                       "(per-channel PRELU) and cyclegan_gen_r6_128 (a residual "
                       "image generator) earlier test models; [U] 32 x 32 input, "
                       "SAME, batch norms folded, conv biases, linear output"),
    # held-out families XLIX, part D (session 36, addendum 3, pre-registered); no
    # training space draws it exactly
    "resnet_v2_50_224": ("ResNet-v2-50 (pre-activation, ImageNet)",
                         "resnet / bcast (partly: resnet draws this layout "
                         "post-activation and smaller: a 7x7 / 2 stem RELU and 3x3 / "
                         "2 max pool at 96-128 pixels, bottleneck blocks from 8-64 "
                         "wide, 1-4 blocks a stage, 1x1 projections, but "
                         "every ADD with RELU fused; bcast's per-channel [1, 1, 1, "
                         "C] MUL / ADD constants on maps of at most 64 x 48 and 64 "
                         "channels); the pre-activation order at 224 x 224 (a "
                         "linear stem, 17 per-channel MUL + ADD RELU batch norms on "
                         "maps of 56 x 56 x 64-256 to 7 x 7 x 2,048, linear "
                         "residual ADDs, the projections on the pre-activated map), "
                         "3-4-6-3 units of 64-512 and 4.1 G MACs new; resnet50_224 "
                         "(the same convs, post-activation), "
                         "preact_resnet164_cifar_32 and preact_resnet18_cifar_32 "
                         "(pre-activation units with MUL + ADD batch norms, at "
                         "CIFAR scale) and fc_densenet56_224 (MUL + ADD batch norms "
                         "on 224-pixel maps) earlier test models; [U] the stride on "
                         "the 3x3, the stem conv linear, BN as MUL + ADD on [1, 1, "
                         "1, C] constants, SAME, MEAN, SOFTMAX"),
    # held-out families XLIX, part E (session 36, addendum 3, pre-registered); no
    # training space draws it exactly
    "resunet_224": ("ResUNet (deep residual U-Net, road extraction)",
                    "upsample / resnet / bcast (partly: upsample's encdec draws 2-3 "
                    "level UNets of 8-256 channels at <= 224 px with one RELU conv "
                    "a level, nearest / bilinear RESIZE + a 1x1 conv or "
                    "TRANSPOSE_CONV, concat or add skips and a LOGISTIC head; "
                    "resnet post-activation units, every ADD with RELU fused; "
                    "bcast's per-channel MUL / ADD constants on maps of at most 64 "
                    "x 48 and 64 channels); "
                    "pre-activation residual units (MUL + ADD RELU batch norms on "
                    "224 x 224 x 64 to 56 x 56 x 768, 1x1 conv shortcuts, linear "
                    "ADDs) at 64-512 channels, a nearest RESIZE fed straight to a "
                    "CONCATENATION (encdec puts a 1x1 conv between, ext's is "
                    "bilinear), 35 G MACs new; unet_128, attention_unet_128 "
                    "and pix2pix_unet_256 (U-Nets), preact_resnet18_cifar_32 and "
                    "fc_densenet56_224 (MUL + ADD batch norms) earlier test models; "
                    "[U] SAME, conv biases, BN after a conv folded, shortcut on the "
                    "raw input, nearest x2, [up-sampled, skip], linear 1x1 output + "
                    "LOGISTIC"),
    # held-out families XLIX, part F (session 36, addendum 3, pre-registered); no
    # training space draws it exactly
    "utime_4096": ("U-Time (sleep staging, 1-D encoder-decoder)",
                   "upsample / longk / dil (partly: upsample's encdec draws "
                   "U-Nets with MAX_POOL 2x2, x2 / x4 RESIZEs and CONCATENATION "
                   "skips, but on square 3-channel images of 64-224 with 3x3 "
                   "convs; longk draws 1-D signals [1, 1, T, C] of up to 16,000 "
                   "samples with one pool of stride at most 3, at most 30 ops; "
                   "dil draws 1-D convs dilated 2 and a dense 1x1 SOFTMAX head "
                   "on 2-D maps only); one-row RESIZE_NEAREST_NEIGHBORs by 2, 4, "
                   "4, 8 along W (no space draws a one-row resize: rule U), 1-D "
                   "MAX_POOLs of stride 8 and 4, a dense per-sample 5-way "
                   "SOFTMAX on 4,096 samples averaged by a 1x2048 / 2048 "
                   "AVERAGE_POOL, 37 ops and 86 M MACs new; wave_unet_16384 (a "
                   "1-D U-Net with one-row RESIZEs and concatenated skips), "
                   "unet_128 (a U-Net with max pools) and eegnet_8_2_64x128 (an "
                   "EEG net) earlier test models; [U] the fallback factors 8, 4, "
                   "4, 2 on T = 4,096 (Vela 5.2 keeps the paper's one-row "
                   "resizes by 6 and 10 on the CPU), the [1, 1, W, C] layout, "
                   "filters 16-256, SAME, batch norms folded, conv biases"),
    # held-out families L, part G (session 36, addendum 4, pre-registered); no
    # training space draws it exactly
    "rdn_x2_32": ("RDN x2 (residual dense network, super-resolution)",
                  "upsample / agg / plain (partly: upsample's sr draws "
                  "super-resolution nets x2 / x4 on 32-120 pixel inputs with 16-56 "
                  "features, at most 5 mapping convs and no CONCATENATION, "
                  "up-sampling by TRANSPOSE_CONV; agg's dense blocks 2-4 3x3 convs "
                  "of growth 8-32 concatenated onto the running map and a 1x1 "
                  "conv, no residual ADD, and osa blocks, one CONCATENATION of 2-5 "
                  "chained 3x3 convs into a 1x1 conv, ADDed to the input half the "
                  "time; at most 6 inputs a CONCATENATION; plain's DenseNet-BC "
                  "blocks of 2-8 layers "
                  "of growth 12-32 with 1x1 bottlenecks); 16 residual dense blocks "
                  "of eight 3x3 RELU convs of growth 64 on running "
                  "CONCATENATIONs of 64-576 channels at 32 x 32, 1x1 local "
                  "fusions with linear ADDs, a 16-input CONCATENATION of 1,024 "
                  "channels, 297 ops and 22.7 G MACs new; edsr_x2_48 and "
                  "srresnet_x4_32 (RGB SR residual nets with a one-hot x2 "
                  "shuffle), carn_m_x2_64 (RGB SR with concatenated cascades), "
                  "densenet40_k12_cifar_32 and fc_densenet56_224 (dense blocks on "
                  "running CONCATENATIONs) earlier test models; [U] 32 x 32 input, "
                  "SAME, conv biases, [running, new] concatenations, linear "
                  "fusions and output"),
    # held-out families L, part H (session 36, addendum 4, pre-registered); no
    # training space draws it exactly
    "l3net_audio_257x199": ("L3-Net audio subnetwork (Look, Listen and Learn)",
                            "plain / tiny / longk (partly: plain's vgg draws 3x3 "
                            "RELU conv pairs of 64-512 with 2x2 max pools, but on "
                            "a square 3-channel image of 32-160 with a MEAN or "
                            "flatten head; tiny draws one-channel spectrograms "
                            "with at most 12 ops and 100 M MACs; longk's 2-D maps "
                            "stop at 128 a side, its pools at 8); the 257 x 199 x "
                            "1 spectrogram under the stack (odd sides floored by "
                            "the pools), a 32 x 24 whole-map MAX_POOL_2D (no "
                            "space draws a max pool window above 13 x 13) and "
                            "10.2 G MACs new; vggish_96x64 (a VGG stack on a "
                            "one-channel log-mel), panns_cnn6_1001x64 (a "
                            "whole-axis max pool, stride 1) and vgg16_224 "
                            "earlier test models; [U] [1, 257, 199, 1] "
                            "(frequency as H), SAME, VALID 2x2 pools, batch norms "
                            "folded, conv biases, the whole-map pool one "
                            "MAX_POOL_2D of stride 1, output [1, 1, 1, 512]"),
    # held-out families L, part I (session 36, addendum 4, pre-registered); no
    # training space draws it exactly
    "simplenet_cifar_32": ("SimpleNet (CIFAR-10)",
                           "plain (partly: plain's vgg draws 3x3 SAME RELU conv "
                           "stacks with 2x2 max pools on 32 x 32 x 3 down to 1 x 1 "
                           "and an FC head, but no 1x1 conv, no conv on a 1 x 1 map "
                           "and no pool on one); a 1x1 pair 512 -> 2,048 -> 256 on "
                           "the 2 x 2 map of a plain stack, a 3x3 conv of 256 on the "
                           "1 x 1 map, a global "
                           "MAX_POOL_2D before the FC, 0.63 G MACs and 5.5 M "
                           "parameters; vgg16_cifar_32 and vgg11_cifar (plain 3x3 "
                           "stacks at 32) and nin_cifar_32 (1x1 convs at CIFAR scale) "
                           "earlier test models; [U] widths and pool positions as "
                           "recalled, SAME, batch norms folded, conv biases, the "
                           "global pool one MAX_POOL_2D, RESHAPE, SOFTMAX"),
    # held-out families LI, part J (session 36, addendum 6, pre-registered); no
    # training space draws it exactly
    "preact_resnet34_224": ("PreAct-ResNet-34 (pre-activation, ImageNet)",
                            "resnet / bcast (partly: resnet draws this layout "
                            "post-activation and smaller: a 7x7 / 2 stem RELU and "
                            "3x3 / 2 max pool at 96-128 pixels, 1-4 blocks a stage, "
                            "1x1 projections, but every ADD with RELU fused; "
                            "bcast's per-channel [1, 1, 1, C] MUL / ADD constants on "
                            "maps of at most 64 x 48 and 64 channels); the "
                            "pre-activation order with basic units at 224 x 224 (a "
                            "linear stem, 17 per-channel MUL + ADD RELU batch norms "
                            "on maps of 56 x 56 x 64 to 7 x 7 x 512 whose input the "
                            "identity shortcut reads too, linear residual ADDs, the "
                            "projections on the pre-activated map), 3-4-6-3 units "
                            "of 64-512 and 3.7 G MACs new; resnet34_224 (the same "
                            "convs, post-activation), resnet_v2_50_224 (the "
                            "bottleneck sibling), preact_resnet18_cifar_32 (basic "
                            "pre-activation units at CIFAR scale) earlier test "
                            "models; [U] the stride on the first 3x3, identity in "
                            "stage 1's first unit, the stem conv linear, BN as MUL "
                            "+ ADD on [1, 1, 1, C] constants, SAME, MEAN, SOFTMAX"),
    # held-out families LI, part K (session 36, addendum 6, pre-registered); no
    # training space draws it exactly
    "densenet161_224": ("DenseNet-161", "plain (partly: plain's densenet draws "
                        "DenseNet-BC of growth 12-32 on inputs of 32-224 with "
                        "blocks of 2-8 layers (the 7x7 / 2 stem and max pool from "
                        "128), standalone RELU pre-activations; bcast draws "
                        "per-channel MUL / ADD constants on maps of at most 64 x "
                        "48); growth 48, blocks of 12, 36, 24 layers at "
                        "56 x 56 down to 7 x 7 (up to 2,208 channels), each "
                        "pre-activation batch norm a [1, 1, 1, C] MUL + ADD with "
                        "RELU fused on a CONCATENATION, 409 ops, 7.7 G MACs and "
                        "28.7 M parameters new; densenet121_224, densenet169_224, "
                        "densenet_bc100_k12_cifar_32 and fc_densenet56_224 (MUL + "
                        "ADD batch norms on dense blocks) earlier test models; [U] "
                        "batch norms on a running map or transition input as MUL + "
                        "ADD, the stem's and the bottleneck's folded, SAME, VALID "
                        "average pools, conv biases, MEAN, SOFTMAX"),
    # held-out families LII, part A (session 37, pre-registered); no training space
    # draws it exactly
    "attention56_224": ("Residual Attention Network-56 (ImageNet)",
                        "resnet / upsample / bcast (partly: resnet draws "
                        "bottleneck blocks post-activation and smaller: a 7x7 / 2 "
                        "stem RELU and 3x3 / 2 max pool at 96-128 pixels, 1x1 "
                        "projections, every ADD with RELU fused; upsample's encdec "
                        "draws 2-3 level UNets with max pools, nearest / bilinear "
                        "RESIZE and add skips; bcast's per-channel [1, 1, 1, C] "
                        "MUL / ADD constants and LOGISTIC gates on maps of at most "
                        "64 x 48 and 64 channels); 33 pre-activation bottleneck "
                        "units at 224 x 224 (37 per-channel MUL + ADD RELU batch "
                        "norms on maps of 56 x 56 x 64 to 7 x 7 x 2,048, linear "
                        "residual ADDs), three attention modules whose soft-mask "
                        "branches nest 3, 2, 1 max pools to 7 x 7 and come back by "
                        "RESIZE_BILINEAR x2 ADDed to skip units, a LOGISTIC mask of "
                        "256-1,024 channels gating the trunk as (1 + mask) x trunk "
                        "(ADD of a constant 1, MUL of two maps), 248 ops, 6.3 G "
                        "MACs and 31.8 M parameters new; resnet_v2_50_224 "
                        "(pre-activation bottlenecks at 224), stacked_hourglass_1_256 "
                        "(pre-activation modules with nested pools and x2 "
                        "up-sampling ADDs), attention_unet_128 (LOGISTIC gates "
                        "MULed onto maps, bilinear x2) earlier test models; [U] the "
                        "stride on the 3x3, projections only where the shape "
                        "changes, two units at a mask branch's bottom, the "
                        "up-sampling ADDed to the skip alone, half-pixel off, BN as "
                        "MUL + ADD on [1, 1, 1, C] constants, SAME, MEAN, SOFTMAX"),
    # held-out families LII, part B (session 37, pre-registered); no training space
    # draws it exactly
    "revnet110_cifar_32": ("RevNet-110 (CIFAR-10)",
                           "resnet / shuffle / bcast (partly: resnet draws CIFAR "
                           "ResNets of basic blocks post-activation with 1x1 "
                           "stride-2 projections, every ADD with RELU fused; "
                           "shuffle's ShuffleNet-v2 units SPLIT the channels in two "
                           "and CONCATENATE the halves; bcast's per-channel [1, 1, "
                           "1, C] MUL / ADD constants); reversible units (a SPLIT, "
                           "two pre-activation residual functions of a MUL + ADD "
                           "RELU batch norm and two 3x3 convs on half the channels, "
                           "each ADDed, linear, to the other half, a "
                           "CONCATENATION), 53 MUL + ADD RELU batch norms on maps of "
                           "32 x 32 x 16 to 8 x 8 x 128, 25 units at 32-128 "
                           "channels, 318 ops, 0.27 G MACs and 1.85 M parameters "
                           "new; preact_resnet18_cifar_32 and "
                           "preact_resnet164_cifar_32 (pre-activation units with "
                           "MUL + ADD batch norms at CIFAR scale), resnet32_cifar_32 "
                           "(CIFAR ResNet depth) and lednet_512x256 (SPLIT and "
                           "CONCATENATION in residual modules) earlier test models; "
                           "[U] the stem linear, the down-sampling units "
                           "pre-activation basic units with 1x1 / 2 projections, "
                           "SPLIT in two, BN as MUL + ADD on [1, 1, 1, C] "
                           "constants, SAME, MEAN, SOFTMAX"),
    # held-out families LII, part C (session 37, section 2, pre-registered); no
    # training space draws them exactly
    "drrn_b1u9_31": ("DRRN B1U9 (deep recursive residual network, super-resolution)",
                     "sesr / upsample / bcast (partly: sesr draws one-channel SR "
                     "nets of 3x3 convs with a feature skip ADD and the input ADDed "
                     "back, but at most 13 convs of at most 32 filters on inputs of "
                     "32 x 32 and up, and no MUL; upsample's sr at most 8 convs of "
                     "8-56 features before an up-sampling; bcast's per-channel [1, "
                     "1, 1, C] MUL / ADD constants on maps of at most 64 x 48 and "
                     "64 channels, in at most 40 ops and 50 M MACs); 11 per-channel "
                     "MUL + ADD RELU batch norms (one on the one-channel input, "
                     "nine on residual sums of 31 x 31 x 128), nine residual ADDs "
                     "all onto the first conv's output, 20 3x3 convs, 18 of them "
                     "128 -> 128, at 31 x 31 and 2.55 G MACs new; vdsr_20_64x64 "
                     "and dncnn_17_64x64 (one-channel 3x3 chains of 64 with a "
                     "global residual) and preact_resnet34_224 (MUL + ADD batch "
                     "norms on residual sums) earlier test models; [U] 31 x 31 "
                     "input, the input's batch norm kept as a [1, 1, 1, 1] MUL + "
                     "ADD, the shared weights stored per unit, SAME, conv biases"),
    "memnet_m6r6_31": ("MemNet M6R6 (persistent memory network, image restoration)",
                       "sesr / agg / plain / bcast (partly: sesr draws one-channel "
                       "SR nets of 3x3 convs with the input ADDed back, at most 13 "
                       "convs of at most 32 filters, no MUL or CONCATENATION; agg's "
                       "dense and osa blocks and plain's DenseNet-BC CONCATENATE at "
                       "most 6 inputs, plain's pre-activations standalone RELUs; "
                       "bcast's per-channel [1, 1, 1, C] MUL / ADD constants on "
                       "maps of at most 64 x 48 and 64 channels, in at most 40 ops "
                       "and 50 M MACs); six gate CONCATENATIONs of 7-12 inputs "
                       "(448-768 channels) under a [1, 1, 1, C] MUL + ADD RELU and a "
                       "1x1 conv to 64, 48 MUL + ADD RELU batch norms, 72 residual "
                       "3x3 convs of 64 at 31 x 31, six one-channel reconstructions "
                       "averaged by MULs with [1, 1, 1, 1] constants and ADDs, 240 "
                       "ops and 2.78 G MACs new; vdsr_20_64x64 (a one-channel 3x3 "
                       "chain with a global residual), rdn_x2_32 (SR on running "
                       "CONCATENATIONs with 1x1 fusions), densenet161_224 (MUL + ADD "
                       "batch norms on CONCATENATIONs) and preact_resnet34_224 (on "
                       "residual sums) earlier test models; [U] 31 x 31 input, the "
                       "input's batch norm kept as a [1, 1, 1, 1] MUL + ADD, the "
                       "shared weights and the reconstruction stored per block, the "
                       "concatenation order, block 6's gate batch norm folded, "
                       "SAME, conv biases"),
    # held-out families LIII, part D (session 37, addendum 2, pre-registered); no
    # training space draws them exactly
    "ircnn_gray_128": ("IRCNN denoiser (dilated residual denoiser, grey-scale)",
                       "sesr / dil / ext / plain (partly: sesr draws one-channel "
                       "nets of 3x3 convs with RELU, at most 13 convs of at most 32 "
                       "filters on inputs of 32 x 32 and up, the input ADDed back; "
                       "dil's dilated CONV_2Ds on maps of at most 96 x 96 of 3+ "
                       "channels, at most 60 M MACs; dil's and ext's rates powers of "
                       "2 (1-128, 1-16); plain's VGG 3x3 stacks of 64); a chain of "
                       "seven full 3x3 convs dilated 1, 2, 3, 4, 3, 2, 1 (rate 3, "
                       "odd, in no space), five of them 64 -> 64, on a 128 x 128 x 1 "
                       "image, the residual a SUB from the graph input (no space "
                       "SUBs), 8 ops and 3.04 G MACs new; dncnn_17_64x64 and "
                       "ffdnet_gray_128 (one-channel denoising chains of 3x3 convs "
                       "of 64, DnCNN's SUB of the input), dilated_context_64x64x21 "
                       "(a chain of dilated full 3x3 convs) earlier test models; "
                       "[U] 128 x 128, batch norms folded, SAME, conv biases"),
    "idn_x2_64": ("IDN x2 (information distillation network, super-resolution)",
                  "upsample / sesr / agg / shuffle (partly: upsample's sr draws "
                  "one-channel LR inputs of 32-120 pixels, x2 stages as stride-2 "
                  "TRANSPOSE_CONVs of kernel 2-9 and a RESIZE_BILINEAR global "
                  "residual ADDed, 16-56 features, at most 5 mapping convs; sesr "
                  "at most 13 convs of at most 32 filters; agg's standalone "
                  "LEAKY_RELU 0.1 after convs and CONCATENATIONs; shuffle's SPLIT "
                  "in two and CONCATENATION); four distillation blocks of grouped "
                  "3x3 convs (SPLIT into 4, four CONV_2Ds, CONCATENATION), a "
                  "SPLIT_V slicing 16 of 64 channels (no space draws SPLIT_V) "
                  "CONCATENATED onto the block input, an ADD of two 80-channel "
                  "maps and a 1x1 compression, 26 standalone LEAKY_RELU 0.05, a "
                  "17x17 / 2 TRANSPOSE_CONV to one channel, 111 ops, 2.26 G MACs "
                  "and 0.55 M parameters new; carn_m_x2_64 (grouped convs as SPLIT "
                  "/ 4 CONV_2D / CONCATENATION in an SR net), fsrcnn_deconv_x2_64 "
                  "and lapsrn_x4_64 (one-channel SR up-sampled by TRANSPOSE_CONV) "
                  "earlier test models; [U] 64 x 64, LeakyReLU standalone, the "
                  "grouped convs' LEAKY_RELU after the CONCATENATION, the first 16 "
                  "channels kept, [block input, slice], the compression linear, "
                  "bicubic as RESIZE_BILINEAR x2, SAME, conv biases"),
    # held-out families LIII, part B (session 37, addendum 2, pre-registered); no
    # training space draws it exactly
    "faceboxes_512": ("FaceBoxes (CPU real-time face detector)",
                      "detect / agg / bcast / longk (partly: detect draws SSDLite "
                      "heads (a 3x3 depthwise and a 1x1 conv) RESHAPEd to [1, H W "
                      "A, n] and CONCATENATED over the scales, 3-6 anchors, "
                      "LOGISTIC scores, on inputs of 96-256; agg's in-place "
                      "Inception-like branches (1x1, 1x1 - 3x3, 1x1 - 5x5, 3x3 max "
                      "pool - 1x1) on inputs of at most 160; bcast's MUL by "
                      "[1, 1, 1, C] constants on maps of at most 64 x 48 and 64 "
                      "channels; longk's first convs of stride up to 3 along H "
                      "and 4 along W on 1-3 channels of at most 128 x 128); "
                      "C.ReLU (a MUL by a [1, 1, 1, 1] constant -1, a "
                      "CONCATENATION [x, -x], a standalone RELU) "
                      "on 128 x 128 x 24 and 32 x 32 x 64, a PAD 3 and 7x7 / 4 "
                      "VALID conv on 512 x 512 x 3, three Inception modules with a "
                      "double 3x3 branch at 16 x 16, plain 3x3 heads with 21 "
                      "anchors a cell (5,456 in all), 57 ops, 0.23 G MACs and "
                      "1.0 M parameters new; ultraface_rfb_320x240 (SSD heads "
                      "with SOFTMAX scores), retinaface_mnet025_320 and "
                      "blazeface_128 (face detectors), bn_inception_224 (Inception "
                      "modules with double 3x3) and alexnet_owt_224 (a PAD and a "
                      "VALID stride-4 stem) earlier test models; [U] 512 x 512, "
                      "Caffe's pad 3 on Conv1, SAME elsewhere, C.ReLU as MUL -1 "
                      "+ CONCATENATION + RELU, Inception reductions of 24, anchors "
                      "21 / 1 / 1, the class conv first, SOFTMAX, no decoding"),
    # held-out families LIV, part F (session 37, addendum 3, pre-registered); no
    # training space draws them exactly
    "tinysleepnet_cnn_3000": ("TinySleepNet, CNN part (sleep staging, 1-D CNN)",
                              "longk / tiny (partly: longk draws 1-D signals [1, 1, "
                              "T, C] of 64-16,000 samples (never 3,000) with one "
                              "long first conv (kernels up to 80 or the whole "
                              "axis, strides up to 4 along W), one pool of stride "
                              "at most 3, up to four "
                              "more layers (1-D convs of kernel up to 16), a "
                              "RESHAPE flatten, FC and SOFTMAX, at most 30 ops and "
                              "50 M MACs; tiny's 1-D windows stop at 256 samples); "
                              "a PAD then a 1x50 VALID conv of stride 6 along W "
                              "(no space draws a stride of 6: longk's stop at 4, "
                              "recurrent's 10x4 stems are 4, 5 or 8 along H), "
                              "MAX_POOLs 1x8 / 8 and "
                              "1x4 / 4 (no space pools with a stride above 3: rule "
                              "V), three 1x8 convs 128 -> 128, 10 ops and 28 M MACs "
                              "new; utime_4096 (sleep staging with 1-D max pools of "
                              "stride 8 and 4), m5_raw_32000 (a PAD and a VALID "
                              "strided first conv along W) and eegnet_8_2_64x128 "
                              "(an EEG net) earlier test models; [U] the LSTM "
                              "replaced by FC 5 + SOFTMAX, the [1, 1, T, 1] layout, "
                              "SAME convs with the stride-6 one as PAD 22 / 22 + "
                              "VALID, VALID pools, batch norms folded, conv biases"),
    "deepsleepnet_cnn_3000": ("DeepSleepNet, representation learning part (sleep "
                              "staging, two-branch 1-D CNN)",
                              "longk / tiny (partly: longk draws 1-D signals [1, 1, "
                              "T, C] of 64-16,000 samples (never 3,000) with one "
                              "long first conv (kernels up to 80 or the whole "
                              "axis, strides up to 4 along W), one pool of stride "
                              "at most 3, up to four "
                              "more layers, one branch, a RESHAPE flatten, FC and "
                              "SOFTMAX, at most 30 ops and 50 M MACs; tiny's 1-D "
                              "windows stop at 256 samples); two branches on the "
                              "same input, each a PAD and a VALID strided first "
                              "conv (1x50 / 6 and 1x400 / 50: no space draws a "
                              "conv stride of 6 or 50; "
                              "recurrent's 10x4 stems stride 4, 5 or 8 along H), "
                              "MAX_POOLs 1x8 "
                              "/ 8 and 1x4 / 4 (no space pools with a stride above "
                              "3: rule V), three 1x8 or 1x6 convs of 128, two "
                              "flattens CONCATENATED to 2,816, 19 ops and 27 M MACs "
                              "new; utime_4096 (sleep staging with 1-D max pools of "
                              "stride 8 and 4), m5_raw_32000 (a PAD and a VALID "
                              "strided first conv along W) and eegnet_8_2_64x128 "
                              "(an EEG net) earlier test models; [U] the sequence "
                              "learner replaced by FC 5 + SOFTMAX, the [1, 1, T, 1] "
                              "layout, SAME convs with the strided ones as PAD + "
                              "VALID, VALID pools, the small-filter branch first, "
                              "batch norms folded, conv biases"),
    # held-out families LIV, part B (session 37, addendum 3, pre-registered); no
    # training space draws it exactly
    "chambon2018_2x3840": ("Chambon et al. 2018 (sleep staging CNN)",
                           "longk / tiny (partly: longk draws 1-D signals [1, 1, T, "
                           "C] of up to 16,000 samples and 2-D maps of sides 8-128 "
                           "with one long first conv (kernel up to the whole axis or "
                           "64), one pool of stride at most 3, 0-4 short layers (1 x "
                           "3-9, long 1 x 8-16), a flatten, FC to 2, 4, 10, 12 or 35 "
                           "and SOFTMAX, at most 30 ops; tiny's single-channel maps, "
                           "convs, max pools of 2 / 3, flatten, FC, SOFTMAX); a 2 x "
                           "3840 x 1 input (2 is no side longk draws, 3,840 no "
                           "length), a 2x1 VALID spatial conv spanning the channels "
                           "to a one-row map, a second 1x64 conv (after a pool), two "
                           "1-D MAX_POOLs 1x16 of stride 16 (no space pools with a "
                           "stride above 3: rule V), an FC to 5 classes new; "
                           "eegnet_8_2_64x128 (an EEG net with a 1x64 conv and a "
                           "depthwise conv spanning the electrodes), utime_4096 (a "
                           "sleep-staging net with 1-D max pools of stride 8 and 4) "
                           "and wdcnn_2048 (a 1-D CNN with a wide first kernel, "
                           "flatten and FC) earlier test models; [U] the [1, 2, T, 1] "
                           "layout, the linear spatial conv with a bias, its 2 "
                           "virtual channels as the temporal convs' input channels, "
                           "SAME, VALID pools, conv and FC biases"),
    # held-out families LV (session 37, addendum 6, pre-registered); no training
    # space draws them exactly
    "preact_resnet110_cifar_32": ("PreAct ResNet-110 (CIFAR)", "resnet / bcast "
                                  "(partly: resnet draws CIFAR ResNets of basic "
                                  "blocks post-activation, a 3x3 stem of 16 at 32 x "
                                  "32 x 3, 16 / 32 / 64 channels, 1x1 stride-2 "
                                  "projections, but 1-4 blocks a stage, a RELU stem "
                                  "and every ADD with RELU fused; bcast's per-channel "
                                  "[1, 1, 1, C] MUL / ADD constants); the "
                                  "pre-activation order in basic units (a "
                                  "per-channel MUL + ADD RELU "
                                  "before each unit, linear residual ADDs, the "
                                  "projection on the pre-activated map), 55 MUL + ADD "
                                  "RELU batch norms (19 on 32 x 32 x 16 maps), 18 "
                                  "units a stage, 278 ops, 0.25 G MACs and 1.73 M "
                                  "parameters new; preact_resnet164_cifar_32 "
                                  "(pre-activation bottleneck units at the same "
                                  "widths and depth), preact_resnet18_cifar_32 and "
                                  "preact_resnet34_224 (pre-activation basic units "
                                  "with MUL + ADD batch norms) and resnet32_cifar_32 "
                                  "(CIFAR ResNet of basic blocks) earlier test "
                                  "models; [U] the stem linear, the stride on the "
                                  "first 3x3, 1x1 / 2 projections of the "
                                  "pre-activated map, BN as MUL + ADD on [1, 1, 1, C] "
                                  "constants, SAME, MEAN, SOFTMAX"),
    "revnet38_cifar_32": ("RevNet-38 (CIFAR-10)",
                          "resnet / shuffle / bcast (partly: resnet draws CIFAR "
                          "ResNets of basic blocks post-activation with 1x1 "
                          "stride-2 projections, every ADD with RELU fused; "
                          "shuffle's ShuffleNet-v2 units SPLIT the channels in two "
                          "and CONCATENATE the halves; bcast's per-channel [1, 1, "
                          "1, C] MUL / ADD constants); reversible units (a SPLIT, "
                          "two pre-activation residual functions of a MUL + ADD "
                          "RELU batch norm and two 3x3 convs on half the channels, "
                          "each ADDed, linear, to the other half, a "
                          "CONCATENATION), 17 MUL + ADD RELU batch norms on maps of "
                          "32 x 32 x 16 to 8 x 8 x 112, 9 units at 32, 64, 112 "
                          "channels, 102 ops, 0.09 G MACs and 0.57 M parameters "
                          "new; revnet110_cifar_32 (the same units and layout at "
                          "32, 64, 128 channels and 9 units a stage), "
                          "preact_resnet18_cifar_32 (pre-activation units with MUL "
                          "+ ADD batch norms at CIFAR scale), resnet32_cifar_32 "
                          "(CIFAR ResNet depth) and lednet_512x256 (SPLIT and "
                          "CONCATENATION in residual modules) earlier test models; "
                          "[U] the widths 32, 64, 112 as recalled, the stem linear, "
                          "the down-sampling units pre-activation basic units with "
                          "1x1 / 2 projections, SPLIT in two, BN as MUL + ADD on "
                          "[1, 1, 1, C] constants, SAME, MEAN, SOFTMAX"),
    # held-out families LVI (session 37, addendum 7, pre-registered); no training
    # space draws them exactly
    "sbcnn_128": ("SB-CNN (Salamon & Bello, environmental sound classification)",
                  "longk / tiny (partly: longk draws 2-D maps of one channel up to "
                  "128 a side under one first conv (a 5x5 VALID RELU conv of 24 "
                  "among its forms), one pool of stride at most 3, 0-4 SAME layers "
                  "(3x3, k x 1, 1 x k), a flatten, an FC of 32-128, an FC to 2-35 "
                  "classes and SOFTMAX, at most 50 M MACs; tiny's one-channel "
                  "spectrograms of at most 124 x 40 under convs with max pools of 2 "
                  "or 3, flatten, FCs, SOFTMAX, at most 12 ops and 100 M MACs); the "
                  "128 x 128 x 1 log-mel patch under three 5x5 VALID RELU convs of "
                  "24, 48, 48, two MAX_POOL_2Ds 4x2 of stride (4, 2) (no space "
                  "pools with a stride above 3: rule V; the second floors 27 rows "
                  "to 6), a flatten of 2,400 and 57.4 M MACs new; "
                  "chambon2018_2x3840 (max pools of stride 16, flatten, FC, "
                  "SOFTMAX), cnn_trad_fpool3_98x40 (a log-mel CNN with a frequency "
                  "max pool, flatten and FC) and vggish_96x64 (a conv stack on a "
                  "one-channel log-mel) earlier test models; [U] [1, 128, 128, 1] "
                  "(time as H), VALID convs and pools, RELU fused into the convs, "
                  "no batch norm, NHWC flatten, conv and FC biases"),
    "fcn4_96x1366": ("FCN-4 (Choi et al., music auto-tagging)",
                     "plain / longk / tiny (partly: plain's vgg draws 3x3 SAME "
                     "RELU conv stacks with 2x2 max pools, but on a square "
                     "3-channel image of 32-160 with a MEAN or flatten head; "
                     "longk's 2-D maps of one channel stop at 128 a side, its "
                     "pools at stride 3; tiny's one-channel spectrograms at 124 x "
                     "40, 12 ops and 100 M MACs); the 96 x 1,366 x 1 "
                     "mel-spectrogram under 3x3 SAME RELU convs of 128, 384, 768, "
                     "2,048, MAX_POOL_2Ds of (2, 4), (4, 5), (3, 8), (4, 8) with "
                     "stride = size (no space pools with a stride above 3: rule "
                     "V; 1,366 frames floored to 341, 68, 8, 1), a 1x1 conv to 50 "
                     "tags on the 1 x 1 map with a LOGISTIC, 10.0 G MACs (7.2 G in "
                     "the second conv) and 17.4 M parameters new; "
                     "l3net_audio_257x199 (a 3x3 conv stack on a one-channel "
                     "spectrogram to a 1 x 1 map, 10.2 G MACs), vggish_96x64 (a "
                     "96 x 64 log-mel under 3x3 convs and max pools), "
                     "samplecnn_59049 (music auto-tagging, a LOGISTIC over 50 tags) "
                     "and panns_cnn6_1001x64 (a LOGISTIC over AudioSet tags) "
                     "earlier test models; [U] [1, 96, 1366, 1] (mel bins as H), "
                     "SAME convs, VALID pools with the remainders floored, batch "
                     "norms folded, no input normalisation, the output a 1x1 "
                     "CONV_2D + LOGISTIC kept [1, 1, 1, 50], conv biases"),
    # held-out families LVII (session 37, addendum 8, pre-registered); no training
    # space draws them exactly
    "tsception_28x512": ("TSception (Ding et al., EEG emotion recognition)",
                         "longk / tiny / agg (partly: longk draws 2-D maps of one "
                         "channel of sides 8-128 (28 among them, 512 not) under one "
                         "long first conv (1 x k up to 64), one pool of stride at "
                         "most 3, 0-4 short layers, a flatten, FC and SOFTMAX, at "
                         "most 30 ops; tiny's single-channel maps, convs, max pools "
                         "of 2 / 3; agg's standalone LEAKY_RELU 0.1 after convs); "
                         "the 28 x 512 x 1 window under three parallel 1x64, 1x32, "
                         "1x16 VALID convs of 15 on one channel (rule Z), "
                         "AVERAGE_POOL_2Ds 1x8 of stride 8 and 1x4 of stride 4 (no "
                         "space pools with a stride above 3: rule V; 449, 481, 497 "
                         "and 89 floored), a CONCATENATION along time of unequal "
                         "lengths (56 + 60 + 62), a 28x1 and a 14x1 / (14, 1) "
                         "spatial conv concatenated along H, two MUL + ADD batch "
                         "norms, a 3x1 fusion conv, MEAN, FC 32, FC 2 new; "
                         "eegnet_8_2_64x128 (an EEG net with a 1x64 conv and a "
                         "depthwise conv spanning the electrodes, average pools of "
                         "4 and 8) and chambon2018_2x3840 (an EEG net with a "
                         "spatial conv spanning the channels and long 1-D convs) "
                         "earlier test models; [U] [1, 28, 512, 1] (channels as H), "
                         "VALID convs and pools with the remainders floored, "
                         "LEAKY_RELU 0.01 standalone, the temporal concatenation "
                         "along W, BN as MUL + ADD on [1, 1, 1, C] constants, "
                         "linear, MEAN, conv and FC biases"),
    "tsinalis2016_15000": ("Tsinalis et al. 2016 (sleep staging CNN)",
                           "longk / tiny (partly: longk draws 1-D signals [1, 1, T, "
                           "C] of up to 16,000 samples (15,000 not among them) with "
                           "one long first conv, one pool of stride at most 3, 0-4 "
                           "short layers, a flatten, FC and SOFTMAX, at most 50 M "
                           "MACs; tiny's single-channel maps, convs, max pools of 2 "
                           "/ 3, flatten, FCs, SOFTMAX); the 1 x 15,000 x 1 signal "
                           "under a 1x200 VALID RELU conv of 20 on one channel (rule "
                           "Z), a MAX_POOL_2D 1x20 of stride 10 (no space pools with "
                           "a stride above 3: rule V; 1 sample floored), a "
                           "TRANSPOSE stacking the 20 maps as rows, a 20x30 VALID "
                           "RELU conv of 400 on one channel (rule Z; 348 M MACs), a "
                           "MAX_POOL_2D 1x10 / 2, a flatten of 288,400 into FC 500 "
                           "(144.2 M weights), FC 500, FC 5, 0.55 G MACs and 144.7 "
                           "M parameters new; chambon2018_2x3840 (max pools of "
                           "stride 16, flatten, FC to 5 stages), "
                           "deepsleepnet_cnn_3000 and tinysleepnet_cnn_3000 "
                           "(single-channel sleep-staging CNNs with wide first "
                           "kernels and max pools of stride 8 and 4) and utime_4096 "
                           "(1-D max pools of stride above 3) earlier test models; "
                           "[U] [1, 1, T, 1] (time as W), VALID convs and pools, the "
                           "stacking as one TRANSPOSE (0, 3, 2, 1), RELU fused, no "
                           "batch norm, NHWC flatten, conv and FC biases"),
    # held-out families LVIII, part A (session 38, section 3, pre-registered); no
    # training space draws them exactly
    "envnet_24014": ("EnvNet (Tokozume & Harada, environmental sound classification)",
                     "longk / plain (partly: longk draws 1-D signals [1, 1, T, C] of "
                     "up to 16,000 samples (24,014 not among them) under one long "
                     "first conv (1 x 8 among its forms, 40 among its filters), one "
                     "pool of stride at most 3, 0-4 short layers, a flatten, FC and "
                     "SOFTMAX, at most 50 M MACs and 2 M FC weights; plain's VGG "
                     "stacks of RELU convs with max pools and flatten + FC + "
                     "SOFTMAX); the 1 x 24,014 x 1 waveform under two 1x8 VALID "
                     "RELU convs of 40 (307 M MACs in the second), a MAX_POOL_2D "
                     "1x160 of stride 160 (no space pools with a stride above 3: "
                     "rule V), a TRANSPOSE stacking the 40 maps as rows, an 8x13 "
                     "VALID RELU conv of 50 on one channel (rule Z), MAX_POOL_2Ds "
                     "3x3 / 3 and 1x3 / 3, a flatten of 7,700 into FC 4,096, FC "
                     "4,096, FC 50 (48.5 M FC weights), 0.39 G MACs and 48.6 M "
                     "parameters new; envnet_v2_66650 (raw 1-D convs, a 1x64 / 64 "
                     "max pool, the channels transposed into the height, FC 4,096 "
                     "RELU pairs to 50 classes) and tsinalis2016_15000 (a long "
                     "1-D conv, a max pool of stride 10, a TRANSPOSE stacking the "
                     "maps as rows, a flatten into large FCs) earlier test models; "
                     "[U] 24,014 samples, [1, 1, T, 1] (time as W), VALID convs and "
                     "pools, the stacking as one TRANSPOSE (0, 3, 2, 1), RELU "
                     "fused, BN folded, NHWC flatten, conv and FC biases"),
    "piczak_esc_60x41": ("Piczak's ESC CNN (environmental sound classification)",
                         "longk / tiny (partly: longk draws 2-D maps of 1-3 "
                         "channels (2 among them) of sides 8-128 (60 and 41 not "
                         "among them) under one first conv with kernels up to 64 "
                         "high (57 not among its extents unless the whole axis), "
                         "80 among its filters, one VALID pool of window up to 8 "
                         "and stride at most 3, 0-4 short layers, a flatten, FC "
                         "and SOFTMAX, at most 2 M FC weights; tiny's one-channel "
                         "spectrograms under convs, max pools, flatten, FCs of at "
                         "most 4 M weights, SOFTMAX); the 60 x 41 x 2 log-mel and "
                         "delta patch under a 57x6 VALID RELU conv of 80 on two "
                         "channels (144 outputs: not rule Z), a MAX_POOL_2D 4x3 of stride (1, 3), a "
                         "1x3 VALID RELU conv of 80, a MAX_POOL_2D 1x3 / 3 (1 frame "
                         "floored), a flatten of 240 into FC 5,000, FC 5,000 (25 M "
                         "weights), FC 50, 34.5 M MACs and 26.5 M parameters new; "
                         "sbcnn_128 (an environmental-sound log-mel CNN with "
                         "VALID RELU convs, max pools, a flatten and FCs), "
                         "cnn_trad_fpool3_98x40 (a log-mel CNN with a tall first "
                         "conv, a frequency max pool, flatten and FC) and "
                         "vggish_96x64 (a conv stack on a log-mel patch) earlier "
                         "test models; [U] [1, 60, 41, 2] (mel bands as H, frames "
                         "as W, deltas as the second channel), VALID convs and "
                         "pools, RELU fused, no batch norm, NHWC flatten, conv and "
                         "FC biases"),
    # held-out families LVIII, part B (session 38, pre-registered); no training space
    # draws it exactly
    "ignatov_har_128": ("Ignatov's HAR CNN (accelerometer activity recognition)",
                        "longk / tiny (partly: longk draws 1-D signals [1, 1, T, C] "
                        "of 128 samples and 3 channels under one long first conv "
                        "(1 x 16 among its kernels) of up to 192 filters, one pool "
                        "of stride at most 3, a flatten, an FC of 32-128 and an FC "
                        "to 2-35 classes with at most 2 M weights; tiny's convs, "
                        "max pools of 2 / 3, flatten, FCs, SOFTMAX); the 1 x 128 x "
                        "3 window under a 1x16 VALID RELU conv of 196 on 3 channels "
                        "(rule Z), a MAX_POOL_2D 1x4 of stride 4 (no space pools "
                        "with a stride above 3: rule V; 113 floored to 28), a "
                        "flatten of 5,488 into FC 1024 RELU (5.6 M weights), FC 6, "
                        "6.7 M MACs and 5.6 M parameters new; har_cnn1d_128x9 (a "
                        "UCI-HAR 1-D CNN on 128 samples, flatten, FC, 6 classes) "
                        "and tsinalis2016_15000 (a long 1-D conv, a max pool of "
                        "stride 10, flatten, FC) earlier test models; [U] [1, 1, "
                        "128, 3] (time as W, UCI-HAR's window), the 40 statistical "
                        "features left out, VALID conv and pool, RELU fused, no "
                        "batch norm, NHWC flatten, conv and FC biases"),
    # held-out families LVIII, part C (session 38, addendum 1, pre-registered); no
    # training space draws it exactly
    "m11_raw_32000": ("M11 (raw waveform, time along W)", "longk / tiny (partly: "
                      "longk draws 1-D signals [1, 1, T, 1] of up to 16,000 samples "
                      "under one long first conv (1 x 80 among its kernels, a VALID "
                      "stride of 4 along W) of up to 192 filters, one pool of stride "
                      "at most 3, 0-4 later convs of at most 128 filters, a MEAN "
                      "head, FC, SOFTMAX, at most 50 M MACs; tiny's RELU convs, max "
                      "pools of 2 / 3, MEAN, FC 10, SOFTMAX, at most 12 ops and 100 "
                      "M MACs); 32,000 samples laid out as 1 x 32000 x 1, a PAD of "
                      "38 / 38 then a 1x80 VALID conv of 64 of stride 4 on one "
                      "channel (rule Z), four MAX_POOL_2D 1x4 of stride 4 (no space "
                      "pools with a stride above 3: rule V; 125 floored to 31), nine "
                      "1x3 SAME RELU convs of 64 / 128 / 256 / 512 (18 ops), 225 M "
                      "MACs and 1.8 M parameters new; m5_raw_32000 (M5 of the same "
                      "paper in the same layout: PAD + VALID stem, 1x4 pools, MEAN) "
                      "and m5_32000 (M5 on [1, 32000, 1, 1]) earlier test models; "
                      "[U] layout, PAD + VALID for the 8000-sample first map, SAME "
                      "1x3 convs, VALID pools, batch norms folded, RELU fused, MEAN, "
                      "10 classes"),
    # held-out families LIX (session 38, addendum 5, pre-registered in the place of the
    # dropped DDRNet-23-slim / BiSeNetV2); no training space draws it exactly
    "swiftnet_rn18_512x1024": ("SwiftNet-RN18 (single scale, Cityscapes)", "resnet / "
                               "upsample / ext (partly: resnet's 7x7/2 stem, 3x3/2 max "
                               "pool and basic blocks of doubling widths at inputs up "
                               "to 128; upsample's encoder-decoders at up to 224 with "
                               "bilinear x2 up-sampling of the coarser map merged "
                               "with a skip map by ADD or CONCATENATION before a 3x3 "
                               "conv; ext's heads of a 1x1 conv to 8 or 19 classes "
                               "and one bilinear x2 / x4 without align_corners at "
                               "inputs up to 128 x 256; no space resizes by 8 "
                               "without align_corners); the whole ResNet-18 "
                               "encoder at 512 x 1024 (19 G MACs), spatial pyramid "
                               "pooling on the 16 x 32 x 512 map (a 1x1 conv to "
                               "128, a cascade of three 2x2/2 average pools to 8 x "
                               "16 / 4 x 8 / 2 x 4, 1x1 convs to 42, RESIZE_BILINEAR "
                               "x2 / x4 / x8 back, a 254-channel CONCATENATION, a 1x1 "
                               "fuse), a ladder of three up-sampling modules (1x1 "
                               "skip convs to 128, bilinear x2, ADD, 3x3 convs of "
                               "128 to 128 x 256) and one x4 RESIZE_BILINEAR of the "
                               "19-class logits to 512 x 1024, 25.9 G MACs and 11.8 M "
                               "parameters new; resnet18_224 (the same encoder at "
                               "224), linknet_512x256 (a ResNet-18 encoder-decoder), "
                               "bisenet_r18_512x256 (a ResNet-18 context path, a "
                               "bilinear head), ddrnet23_slim_1024x512 (basic blocks, "
                               "an average-pool pyramid, bilinear resizes), "
                               "pspnet_mnv2_512 and fast_scnn_1024x512 (pyramid "
                               "pooling with bilinear x2 / x4 / x8 resizes) and "
                               "contextnet14_1024x512 (a bilinear x8 head to 512 x "
                               "1024) earlier test models; [U] 512 x 1024, pyramid "
                               "pools as a 2x2/2 cascade, 42 channels a level, RELU "
                               "on the SPP convs, skips after the blocks' RELU, ADD "
                               "without activation, BN folded into post-activation "
                               "convs, single RESIZE_BILINEARs without align_corners "
                               "or half-pixel centres, conv biases, logits out"),
    # held-out families LX (session 38, addendum 6, pre-registered); no training
    # space draws them exactly (tiny has no ADD and at most 12 operators)
    "res26_narrow_kws_101x40": ("Res26-narrow", "kws / resnet (partly: as Res8); 19 "
                                "maps with twelve identity-ADD blocks of two 3x3 "
                                "convs on a 50 x 20 map after a 2x2 average pool new "
                                "(no space draws 19 filters; tiny has no ADD); "
                                "res8_narrow_kws_101x40 and res15_narrow_kws_101x40 "
                                "siblings and earlier test models; [U] as Res8 "
                                "(batch norm folded before the RELU, ADD without "
                                "RELU, pool stride = window)"),
    "tc_resnet14_1.5_98x40": ("TC-ResNet14-1.5", "kws (partly: MFCC in, FC 12 + "
                              "SOFTMAX); six residual blocks of 1 x 9 CONV_2D on a 1 "
                              "x 98 map of 40 channels (36, 36, 48, 48, 72, 72; "
                              "identity shortcuts on the stride-1 blocks) new (tiny's "
                              "filters skip 24 / 36 / 72, its kernel widths 9; no "
                              "ADD); tc_resnet8_1.5_98x40 and tc_resnet14_98x40 "
                              "siblings and earlier test models; [U] as TC-ResNet14 "
                              "(first conv with RELU, RELU on the projection "
                              "shortcuts, SAME padding)"),
    # held-out families LXI (session 38, addendum 7, pre-registered); no training
    # space draws them exactly
    "mobilenet_v2_0.75_224": ("MobileNet-v2 0.75 (224, Keras head)", "mobilenet "
                              "(partly: its v2 branch at alpha 0.75, res 224, full "
                              "repeats, MEAN + FC 1000 + SOFTMAX head; the space "
                              "rounds 24 x 0.75 = 18 to the nearest multiple of 8, "
                              "16, where the reference's make_divisible gives 24, so "
                              "the second stage's 24 channels (a 24-channel residual "
                              "ADD at 56 x 56) new); mobilenet_v2_1.0_160 sibling, "
                              "mobilenet_v2_1.4_224 and mobilenet_v2_0.35_96 earlier "
                              "test models; [U] the Keras head, 1000 classes"),
    "mobilenet_v3_large_0.75_224": ("MobileNet-v3-Large 0.75", "mbconv (partly: SE, "
                                    "hard-swish); width 0.75 of the Large table "
                                    "(block widths 16 / 24 / 32 / 64 / 88 / 120, "
                                    "expansions 144 / 528 / 720, last 1x1 720), RELU "
                                    "and HARD_SWISH in one graph, the hard-sigmoid "
                                    "gate (ADD + RELU6 + MUL) and the head on the "
                                    "pooled map (1x1 1280, 1x1 1000, RESHAPE) new; "
                                    "mobilenet_v3_large_224 sibling, "
                                    "mobilenet_v3_small_0.5_96 an earlier test model; "
                                    "[U] 1000 classes, Keras / TF-slim width scaling "
                                    "(stem 16 and head 1280 kept)"),
    # held-out families LXII, part A (session 39, pre-registered); no training space
    # draws it exactly
    "pan_x2_64": ("PAN x2 (pixel attention, super-resolution)",
                  "upsample / agg / dil / bcast (partly: upsample's sr draws x2 SR "
                  "nets on 32-120 pixel tiles with a RESIZE_BILINEAR global residual "
                  "ADDed (half-pixel centres on x2) but up-samples features by "
                  "TRANSPOSE_CONV, its encdec a RESIZE_BILINEAR x2 into a 1x1 conv; "
                  "agg's standalone LEAKY_RELU 0.1, CONCATENATIONs and x * "
                  "LOGISTIC(x); dil's TANH(conv) x LOGISTIC(conv) gates; bcast's "
                  "LOGISTIC gates of the map itself); pixel attention (a 1x1 conv, "
                  "LOGISTIC, MUL onto the conv's input or onto a sibling 3x3 conv), "
                  "16 SC-PA blocks of two 20-channel branches CONCATENATED into a 1x1 "
                  "conv of 40 with an identity ADD, LEAKY_RELU 0.2, a RESIZE_BILINEAR "
                  "x2 of the 40-channel features into 3x3 convs of 24 at 128 x 128, "
                  "254 ops and 1.25 G MACs new; idn_x2_64 (standalone LEAKY_RELU in "
                  "an SR net, a RESIZE_BILINEAR x2 global residual), carn_m_x2_64 "
                  "(RGB SR on a 64 x 64 tile) and edsr_baseline_x2_64 (16 residual "
                  "blocks, a global skip ADD) earlier test models; [U] 64 x 64, the "
                  "paper's nearest x2 up-sampling as RESIZE_BILINEAR x2 with "
                  "half-pixel centres (Vela 5.2 has no RESIZE_NEAREST_NEIGHBOR), "
                  "LEAKY_RELU standalone and after U-PA's pixel attention as the "
                  "authors' release, biases on every conv, SAME"),
    # held-out families LXII, part B (session 39, section 2, pre-registered); no
    # training space draws it exactly
    "acharya_mi_ecg_651": ("Acharya et al.'s MI ECG CNN (myocardial infarction "
                           "detection)",
                           "longk / tiny / agg (partly: longk draws 1-D signals [1, "
                           "1, T, C] of 64-16,000 samples (651 not among them) "
                           "under one long first conv (taps up to 80 or the whole "
                           "axis; 102 not among them), one pool of stride at most "
                           "3, 0-4 short layers, a flatten, FC and SOFTMAX; tiny's "
                           "sensor windows of 64-256 samples, up to 4 convs with "
                           "max pools of 2 / 3, flatten, FCs, SOFTMAX; agg's and "
                           "plain's standalone LEAKY_RELU 0.1); the 1 x 651 x 1 "
                           "beat under four 1-D VALID convs (1x102 of 3 on one "
                           "channel: rule Z; 1x24, 1x11 and 1x9 of 10 on 3 and 10 "
                           "channels), each followed by a standalone LEAKY_RELU "
                           "0.01 (the spaces' slope is 0.1) and a MAX_POOL_2D 1x2 "
                           "/ 2 (550 -> 275, 252 -> 126, 116 -> 58, 50 -> 25), a "
                           "flatten of 250 into FC 30, FC 10 (each LEAKY_RELU), "
                           "FC 2, 0.53 M MACs and 10.9 k parameters new; "
                           "ecg_cnn_187 (a 1-D ECG beat CNN with max pools and "
                           "FCs), hannun_ecg_resnet_256 (16-tap convs on an ECG "
                           "signal) and tsinalis2016_15000 (a long 1-D first conv "
                           "on one channel, max pools, flatten, FCs) earlier test "
                           "models; [U] [1, 1, T, 1] (time as W), LeakyReLU slope "
                           "0.01 as standalone LEAKY_RELU ops, VALID convs and "
                           "pools, no batch norm, NHWC flatten, conv and FC biases"),
    # held-out families LXIII (session 39, addendum 5, pre-registered); no training
    # space draws it exactly
    "lraspp_mnv3_small_512": ("LR-ASPP MobileNetV3-Small",
                              "mbconv (partly: SE, hard-swish); a sibling of "
                              "lraspp_mnv3_large_512 (the same LR-ASPP recipe: "
                              "dilated 5x5 depthwise convs at 1/16, a 1x1 RELU "
                              "branch of 128 times a pooled LOGISTIC gate, one "
                              "RESIZE_BILINEAR x2 with half-pixel centres, two 1x1 "
                              "classifiers ADDed) on the MobileNet-v3 Small "
                              "bottlenecks (the 96-channel last stage at stride 1, "
                              "dilation 2, the 1x1 conv to 576 hard-swish, the 1/8 "
                              "tap on 24 channels) new; mobilenet_v3_small_224 and "
                              "mobilenet_v3_small_0.5_96 earlier test models; [U] "
                              "the 1/8 tap the first 1/8 block's output, the last "
                              "stage stride 1 and dilation 2 as the Large builder, "
                              "output at 1/8"),
    # held-out families LXIV, part A (session 40, section 2, pre-registered); no
    # training space draws them exactly
    "acharya_arrhythmia_ecg_260": ("Acharya et al.'s arrhythmia ECG CNN (heartbeat "
                                   "classification)",
                                   "tiny / longk / agg (partly: tiny's sensor "
                                   "windows [1, 1, T, C] of 64-256 samples (260 "
                                   "not among them) under up to 4 convs of 1 x {1, "
                                   "3, 4, 5, 8} taps with max pools of 2 / 3, "
                                   "flatten, FCs, SOFTMAX, at most 12 ops; longk's "
                                   "1-D signals under one first conv (3 or 20 taps "
                                   "possible), one pool, a flatten, FC and SOFTMAX; "
                                   "agg's and plain's standalone LEAKY_RELU 0.1); "
                                   "the 1 x 260 x 1 beat under three 1-D VALID "
                                   "convs (1x3 of 5 on one channel, 1x4 of 10 on 5 "
                                   "channels, 1x20 of 20 on 10 channels), each "
                                   "followed by a standalone LEAKY_RELU 0.01 (the "
                                   "spaces' slope is 0.1) and a MAX_POOL_2D 1x2 / 2 "
                                   "(258 -> 129, 126 -> 63, 44 -> 22), a flatten of "
                                   "440 into FC 30, FC 20 (each LEAKY_RELU), FC 5, "
                                   "16 ops, 0.22 M MACs and 18.2 k parameters new; "
                                   "acharya_mi_ecg_651 (a sibling from the same "
                                   "group: the same block and head) and ecg_cnn_187 "
                                   "(a 1-D ECG beat CNN with max pools and FCs) "
                                   "earlier test models; [U] [1, 1, T, 1] (time as "
                                   "W), LeakyReLU slope 0.01 as standalone "
                                   "LEAKY_RELU ops, VALID convs and pools, no batch "
                                   "norm, NHWC flatten, conv and FC biases"),
    "acharya_seizure_eeg_4097": ("Acharya et al.'s seizure EEG CNN (normal / "
                                 "preictal / seizure)",
                                 "longk / tiny (partly: longk draws 1-D signals [1, "
                                 "1, T, C] of 64-16,000 samples (4,097 not among "
                                 "them) under one first conv, one pool of stride at "
                                 "most 3, 0-4 short layers, a flatten, FC and "
                                 "SOFTMAX, at most 30 ops; tiny's sensor windows "
                                 "stop at 256 samples, up to 4 RELU convs of 1 x "
                                 "{1, 3, 4, 5, 8} taps and {4, 8, ...} filters with "
                                 "max pools of 2 / 3, flatten, FCs, SOFTMAX); the 1 "
                                 "x 4,097 x 1 EEG segment under five 1-D VALID RELU "
                                 "convs (1x6 of 4 on one channel, 1x5 of 4, 1x4 of "
                                 "10, 1x4 of 10, 1x4 of 15 on 4-10 channels), each "
                                 "followed by a MAX_POOL_2D 1x2 / 2 (4,092 -> 2,046, "
                                 "2,042 -> 1,021, 1,018 -> 509, 506 -> 253, 250 -> "
                                 "125), a flatten of 1,875 into FC 50, FC 20 (each "
                                 "RELU), FC 3, 15 ops, 0.87 M MACs and 96.2 k "
                                 "parameters new; acharya_mi_ecg_651 (the same "
                                 "group's 1-D VALID conv + max pool 1x2 / 2 CNN) "
                                 "and tsinalis2016_15000 (a 1-D EEG CNN on one "
                                 "channel, max pools, flatten, FCs) earlier test "
                                 "models; [U] [1, 1, T, 1] (time as W), RELU fused "
                                 "into the convs and the first two FCs, VALID "
                                 "convs and pools, no batch norm, NHWC flatten, "
                                 "conv and FC biases"),
    # held-out families LXIV, part B (session 40, section 2, pre-registered); no
    # training space draws them exactly
    "ronao_har_cnn_128x6": ("Ronao and Cho's HAR convnet (smartphone activity "
                            "recognition)",
                            "tiny / longk (partly: tiny draws sensor windows [1, 1, "
                            "128, 6] under 1xk convs (k {1, 3, 4, 5, 8}: 9 not among "
                            "them) of 4-128 filters, max pools 1x3 / 3, a flatten, "
                            "FCs of 16-512 and FC 6, SOFTMAX, at most 12 ops; "
                            "longk's 1-D signals of 128 samples on 1-3 channels, one "
                            "long first conv of up to 192 filters, 1x9 SAME layers "
                            "of up to 128 filters, FCs of 32-128); the 1 x 128 x 6 "
                            "window under three 1x9 SAME RELU convs of 96, 192 and "
                            "192 (the 2nd and 3rd on 96 / 192 channels at OW 42 / "
                            "14: W1's domain), each with a MAX_POOL_2D 1x3 / 3 (128 "
                            "-> 42, 42 -> 14, 14 -> 4; 2 floored twice), a flatten "
                            "of 768 into FC 1000 RELU, FC 6, 13.0 M MACs and 1.28 M "
                            "parameters new; har_cnn1d_128x9 (a UCI-HAR 1-D CNN on "
                            "128 samples, flatten, FC, 6 classes), ignatov_har_128 "
                            "(a HAR CNN on 128 samples, flatten, FC 1024, FC 6) and "
                            "tc_resnet8_98x40 (1x9 convs along time) earlier "
                            "test models; [U] [1, 1, T, C] (time as W), SAME convs, "
                            "VALID pools with floors, RELU fused, no batch norm, "
                            "NHWC flatten, conv and FC biases"),
    "yildirim_arrhythmia_ecg_3600": ("Yildirim et al.'s 16-layer arrhythmia ECG CNN "
                                     "(17 classes, 10 s fragments)",
                                     "longk / tiny (partly: longk draws 1-D signals "
                                     "[1, 1, T, 1] of 64-16,000 samples (3,600 not "
                                     "among them) under one long first conv of up "
                                     "to 192 filters (taps up to 80 or the whole "
                                     "axis; 50 not among them) of stride up to 3, "
                                     "one pool of stride at most its window and 3, "
                                     "0-4 SAME layers of up to 128 filters, a "
                                     "flatten, FCs of 32-128, at most 50 M MACs; "
                                     "tiny's windows stop at 256 samples, its ops "
                                     "at 12); the 1 x 3,600 x 1 fragment under a "
                                     "1x50 / 3 VALID RELU conv of 128 on one "
                                     "channel (rule Z), a MAX_POOL_2D 1x2 of stride "
                                     "3 (no space pools with a stride above its "
                                     "window), six more VALID RELU convs (1x7 and "
                                     "1x10 of 32, 1x5 / 2 of 128, 1x15 of 256, 1x5 "
                                     "of 512, 1x3 of 128; the last three on "
                                     "128-512 channels at OW 31 / 11 / 9: W1's "
                                     "domain) with three more MAX_POOL_2D 1x2 / 2 "
                                     "(389, 91 and 31 floored), a flatten of 1,152 "
                                     "into FC 512 RELU, FC 17, 47.3 M MACs and 2.01 "
                                     "M parameters new; acharya_mi_ecg_651 (a 1-D "
                                     "VALID ECG CNN of the same group), "
                                     "deepsleepnet_cnn_3000 (a 1x50 strided first "
                                     "conv on one channel) and m5_32000 (a long "
                                     "strided first conv, 256 / 512 filters, max "
                                     "pools) earlier test models; [U] every layer "
                                     "detail as recalled, [1, 1, T, 1] (time as W), "
                                     "VALID convs and pools with floors, RELU fused, "
                                     "batch norm folded, NHWC flatten, conv and FC "
                                     "biases"),
    # held-out family LXV (session 40, addendum 1, pre-registered); no training space
    # draws it exactly
    "xresnet1d50_ptbxl_1000x12": ("Strodthoff et al.'s xresnet1d50 (PTB-XL ECG, 71 "
                                  "statements)",
                                  "resnet / longk (partly: resnet draws bottleneck "
                                  "blocks [1-4 per stage, 2-4 stages] of 1x1 / 3x3 "
                                  "/ 1x1 convs with strided 1x1 projection "
                                  "shortcuts and ADD with RELU fused on square RGB "
                                  "maps of 32-128 px, a MEAN head into one FC; "
                                  "longk's 1-D signals of 1,000 samples on 1-3 "
                                  "channels (12 not among them) under 1xk SAME "
                                  "layers of up to 128 filters, no ADD, at most 30 "
                                  "ops and 50 M MACs); the 1 x 1,000 x 12 record "
                                  "under a 1x5 stem (32 / 2, 32, 64) and a "
                                  "MAX_POOL_2D 1x3 / 2 SAME, 16 1-D bottlenecks "
                                  "[3, 4, 6, 3] of 1x1 / 1x5 / 1x1 convs (mid 64-512, "
                                  "out 256-2,048; the stride-2 1x5s and stage 3 / 4's "
                                  "1x5s on 256 / 512 channels at OW 63 / 32: W1's "
                                  "domain), ResNet-D shortcuts (AVERAGE_POOL_2D 1x2 "
                                  "/ 2 SAME + 1x1 conv), a concat of a 1x32 "
                                  "MAX_POOL_2D and a MEAN into FC 128 RELU, FC 71, "
                                  "80 ops, 922 M MACs and 19.0 M parameters new; "
                                  "resnet50_224 (the same [3, 4, 6, 3] bottlenecks "
                                  "in 2-D), resnet_ts_500 (1-D residual blocks on a "
                                  "time series) and hannun_ecg_resnet_256 (a 1-D "
                                  "ECG ResNet) earlier test models; [U] [1, 1, T, "
                                  "C] (time as W), SAME convs and pools, batch norm "
                                  "folded, RELU fused as the fastai xResNet, the "
                                  "global max a whole-width MAX_POOL_2D, max then "
                                  "average concatenated, logits out (no SOFTMAX / "
                                  "LOGISTIC), conv and FC biases"),
    # held-out families LXVI, part A (session 40, addendum 2, pre-registered); no
    # training space draws them exactly
    "m18_raw_32000": ("M18 (raw waveform, time along W)",
                      _M18_SPACES + (
                          ", a PAD of 38 / 38 then a 1x80 VALID conv of 64 of stride 4 "
                          "on one channel (rule Z), four MAX_POOL_2D 1x4 of stride 4 "
                          "(no space pools with a stride above 3: rule V; 125 floored "
                          "to 31), sixteen 1x3 SAME RELU convs, four each of 64 / 128 "
                          "/ 256 / 512 (the 256 / 512 ones at OW 125 / 31: W1's "
                          "domain; 25 ops), 397 M MACs and 3.7 M parameters new; "
                          "m11_raw_32000 (M11 of the same paper in the same layout), "
                          "m5_raw_32000 (M5 in the same layout) and m5_32000 (M5 on "
                          "[1, 32000, 1, 1]) earlier test models; [U] layout, PAD + "
                          "VALID for the 8000-sample first map, SAME 1x3 convs, VALID "
                          "pools, batch norms folded, RELU fused, MEAN, 10 classes")),
    "m34res_raw_32000": ("M34-res (raw waveform, time along W)",
                         _M34_SPACES + (
                             ", a PAD of 38 / 38 then a 1x80 VALID conv of 48 of "
                             "stride 4 on one channel (rule Z), four MAX_POOL_2D 1x4 "
                             "of stride 4 (rule V; 125 floored to 31), 16 residual "
                             "blocks of two 1x3 SAME convs (3 x 48, 4 x 96, 6 x 192, 3 "
                             "x 384; the 192 / 384 ones at OW 125 / 31: W1's domain) "
                             "with 1x1 conv shortcuts where the width changes and ADD "
                             "RELU (60 ops), 459 M MACs and 4.1 M parameters new; "
                             "m11_raw_32000 (M11 of the same paper in the same "
                             "layout), m5_raw_32000 (M5 in the same layout), "
                             "resnet_ts_500 (1-D residual blocks on a time series) and "
                             "hannun_ecg_resnet_256 (a 1-D ECG ResNet) earlier test "
                             "models; [U] layout, PAD + VALID for the 8000-sample "
                             "first map, SAME 1x3 convs, VALID pools, 1x1 linear conv "
                             "shortcuts, second conv linear, RELU fused into the ADD, "
                             "batch norms folded, MEAN, 10 classes")),
    # held-out families LXVI, the VALID-stem variants (session 40, addendum 3, named
    # after Vela refused the PAD + stride-4 stem); no training space draws them
    # exactly
    "m18_valid_32000": ("M18 (raw waveform, time along W), the VALID-stem variant: "
                        "m18_raw_32000 without the PAD, as Vela refuses the PAD + "
                        "stride-4 stem",
                        _M18_SPACES + (
                            " under a 1x80 VALID conv of 64 of stride 4 on one channel "
                            "(rule Z; 7,981 outputs, no PAD), four MAX_POOL_2D 1x4 of "
                            "stride 4 (no space pools with a stride above 3: rule V; "
                            "1,995, 498, 124, 31), sixteen 1x3 SAME RELU convs, four "
                            "each of 64 / 128 / 256 / 512 (the 256 / 512 ones at OW "
                            "124 / 31: W1's domain; 24 ops), 395 M MACs and 3.7 M "
                            "parameters new; m18_raw_32000 (the same graph after a "
                            "PAD), m11_raw_32000 (M11 of the same paper in the same "
                            "layout), m5_raw_32000 (M5 in the same layout) and "
                            "m5_32000 (M5 on [1, 32000, 1, 1]) earlier test models; "
                            "[U] layout, VALID stem without the PAD, SAME 1x3 convs, "
                            "VALID pools, batch norms folded, RELU fused, MEAN, 10 "
                            "classes")),
    "m34res_valid_32000": ("M34-res (raw waveform, time along W), the VALID-stem "
                           "variant: m34res_raw_32000 without the PAD, as Vela refuses "
                           "the PAD + stride-4 stem",
                           _M34_SPACES + (
                               " under a 1x80 VALID conv of 48 of stride 4 on one "
                               "channel (rule Z; 7,981 outputs, no PAD), four "
                               "MAX_POOL_2D 1x4 of stride 4 (rule V; 1,995, 498, 124, "
                               "31), 16 residual blocks of two 1x3 SAME convs (3 x 48, "
                               "4 x 96, 6 x 192, 3 x 384; the 192 / 384 ones at OW 124 "
                               "/ 31: W1's domain) with 1x1 conv shortcuts where the "
                               "width changes and ADD RELU (59 ops), 457 M MACs and "
                               "4.1 M parameters new; m34res_raw_32000 (the same graph "
                               "after a PAD), m11_raw_32000 (M11 of the same paper in "
                               "the same layout), m5_raw_32000 (M5 in the same "
                               "layout), resnet_ts_500 (1-D residual blocks on a time "
                               "series) and hannun_ecg_resnet_256 (a 1-D ECG ResNet) "
                               "earlier test models; [U] layout, VALID stem without "
                               "the PAD, SAME 1x3 convs, VALID pools, 1x1 linear conv "
                               "shortcuts, second conv linear, RELU fused into the "
                               "ADD, batch norms folded, MEAN, 10 classes")),
    # held-out families LXVI, part B (session 40, addendum 2, pre-registered); no
    # training space draws it exactly
    "xresnet1d101_ptbxl_1000x12": ("Strodthoff et al.'s xresnet1d101 (PTB-XL ECG, "
                                   "71 statements)",
                                   "resnet / longk (partly: resnet draws bottleneck "
                                   "blocks [1-4 per stage, 2-4 stages] of 1x1 / 3x3 "
                                   "/ 1x1 convs with strided 1x1 projection "
                                   "shortcuts and ADD with RELU fused on square RGB "
                                   "maps of 32-128 px, a MEAN head into one FC; "
                                   "longk's 1-D signals of 1,000 samples on 1-3 "
                                   "channels (12 not among them) under 1xk SAME "
                                   "layers of up to 128 filters, no ADD, at most 30 "
                                   "ops and 50 M MACs); the 1 x 1,000 x 12 record "
                                   "under xresnet1d50's 1x5 stem (32 / 2, 32, 64) and "
                                   "MAX_POOL_2D 1x3 / 2 SAME, 33 1-D bottlenecks "
                                   "[3, 4, 23, 3] of 1x1 / 1x5 / 1x1 convs (mid "
                                   "64-512, out 256-2,048; the 22 stride-1 stage-3 "
                                   "1x5s on 256 channels at OW 63 and stage 4's two "
                                   "on 512 at OW 32: W1's domain), ResNet-D "
                                   "shortcuts (AVERAGE_POOL_2D 1x2 / 2 SAME + 1x1 "
                                   "conv), a concat of a 1x32 MAX_POOL_2D and a MEAN "
                                   "into FC 128 RELU, FC 71, 148 ops, 1.83 G MACs and "
                                   "33.5 M parameters new; xresnet1d50_ptbxl_1000x12 "
                                   "(the same network with stage 3 of 6 blocks, a "
                                   "sibling said openly), resnet101_224 (the same "
                                   "[3, 4, 23, 3] bottlenecks in 2-D), resnet_ts_500 "
                                   "(1-D residual blocks on a time series) and "
                                   "hannun_ecg_resnet_256 (a 1-D ECG ResNet) earlier "
                                   "test models; [U] xresnet1d50's choices kept: "
                                   "[1, 1, T, C] (time as W), SAME convs and pools, "
                                   "batch norm folded, RELU fused as the fastai "
                                   "xResNet, the global max a whole-width "
                                   "MAX_POOL_2D, max then average concatenated, "
                                   "logits out (no SOFTMAX / LOGISTIC), conv and FC "
                                   "biases"),
    # held-out families LXVII (session 41, addendum 2, pre-registered); no training
    # space draws any of them exactly
    "panns_wavegram_32000": ("PANNs Wavegram front end (raw waveform, AudioSet "
                             "tagging)",
                             "longk / tiny (partly: longk draws 1-D signals [1, 1, "
                             "T, 1] of up to 16,000 samples under one long first "
                             "conv of stride at most 4, one pool of stride at most "
                             "3, 0-4 later convs of at most 128 filters, a MEAN "
                             "head, FC, at most 30 ops and 50 M MACs; tiny's RELU "
                             "convs, max pools of 2 / 3, MEAN, FC, at most 12 ops "
                             "and 100 M MACs); 32,000 samples laid out as 1 x 32000 "
                             "x 1, a 1x11 VALID RELU conv of 64 of stride 5 on one "
                             "channel (6,398 outputs; longk's strides stop at 4), "
                             "six 1x3 SAME RELU convs of 64 / 128 / 128 in pairs "
                             "each followed by a MAX_POOL_2D 1x4 of stride 4 (no "
                             "space pools with a stride above 3: rule V; 1,599, 399, "
                             "99), MEAN, FC 527 and a LOGISTIC (13 ops), 319 M MACs "
                             "new; panns_cnn6_1001x64 (PANNs CNN6 on a log-mel map, "
                             "FC 527 + LOGISTIC), m11_raw_32000 and m18_valid_32000 "
                             "(strided VALID stems, 1x3 SAME convs and 1x4 / 4 pools "
                             "on 32,000 samples) and wav2vec_enc_16000 (a stride-5 "
                             "first conv on the raw waveform) earlier test models; "
                             "[U] layout, VALID stem, SAME 1x3 convs, VALID pools, "
                             "the wavegram reshape and CNN14 body left out, MEAN "
                             "over time, batch norms folded, RELU fused"),
    "wavemsnet_44100": ("WaveMsNet (multi-scale raw-waveform CNN, environmental "
                        "sounds)",
                        "longk / tiny / agg (partly: longk draws 1-D signals [1, 1, "
                        "T, 1] of up to 16,000 samples under one long first conv of "
                        "stride at most 4, one pool of stride at most 3, 0-4 later "
                        "convs of at most 128 filters, at most 30 ops and 50 M MACs; "
                        "tiny's RELU convs, max pools of 2 / 3, MEAN, FC, SOFTMAX; "
                        "agg's Inception-like branches CONCATENATED on channels, on "
                        "square RGB maps); 44,100 samples laid out as 1 x 44100 x 1, "
                        "three parallel branches on the one-channel waveform (1x11 / "
                        "1, 1x51 / 5 and 1x101 / 10 VALID RELU convs of 32 (longk's "
                        "strides stop at 4; 44,090 / 8,810 / 4,400 outputs), a 1x11 "
                        "SAME RELU conv of 32 each, MAX_POOL_2D 1x150 / 150, 1x30 / "
                        "30, 1x15 / 15 to 293: rule V), their CONCATENATION (96), "
                        "1x3 SAME RELU convs of 128 and 256 with 1x4 / 4 pools (73, "
                        "18), MEAN, FC 50, SOFTMAX (17 ops), 708 M MACs new; "
                        "envnet_24014 (1x8 "
                        "convs on the raw waveform and a 1x160 / 160 pool), "
                        "abdoli_esc_16000 (strided VALID raw-waveform convs for "
                        "environmental sounds), m11_raw_32000 (1x3 SAME convs and 1x4 "
                        "/ 4 pools on raw audio) and googlenet_224 (parallel branches "
                        "CONCATENATED) earlier test models; [U] 1 s at 44.1 kHz, "
                        "layout, VALID first convs, SAME second convs, pool sizes "
                        "making the three lengths agree, the 2-D backbone replaced by "
                        "two 1-D convs, batch norms folded, RELU fused, MEAN"),
    "dieleman_e2e_48000": ("Dieleman and Schrauwen's end-to-end tagger (raw audio, "
                           "music tagging)",
                           "longk / tiny (partly: longk draws 1-D signals [1, 1, T, "
                           "1] of up to 16,000 samples under one long first conv (at "
                           "most 80 taps or the whole axis, stride at most 4), one "
                           "pool of stride at most 3, a flatten head with FCs, at "
                           "most 30 ops and 50 M MACs; tiny's 1x8 RELU convs of 32, "
                           "max pools of 2 / 3, RESHAPE flatten, FCs, at most 12 "
                           "ops); 48,000 samples laid out as 1 x 48000 x 1, a 1x256 "
                           "VALID RELU conv of 32 of stride 256 on one channel (187 "
                           "outputs; longk's strides stop at 4), two 1x8 VALID "
                           "RELU convs of 32 each followed by a MAX_POOL_2D 1x4 of "
                           "stride 4 (rule V; 45, 9), a RESHAPE flatten of 288, FC "
                           "100 RELU, FC 50 and a LOGISTIC (9 ops) new; "
                           "wav2letter_raw_16000 (a 1x250 / 160 VALID first conv on "
                           "the raw waveform), samplecnn_59049 (raw-audio music "
                           "tagging, FC 50 + LOGISTIC) and abdoli_esc_16000 (raw "
                           "waveform, VALID convs, RESHAPE flatten, FCs) earlier test "
                           "models; [U] 3 s at 16 kHz, the front end's 32 filters, "
                           "the later convs' sizes, VALID, layout, batch norm "
                           "folded, RELU fused, NHWC flatten"),
    # held-out families LXVIII (session 41, addendum 4, pre-registered; siblings of
    # the read M18 / M34-res, said openly); no training space draws either exactly
    "m5_valid_32000": ("M5 (raw waveform, time along W), the VALID-stem variant: "
                       "m5_raw_32000 without the PAD, as Vela refuses the PAD + "
                       "stride-4 stem",
                       _M18_SPACES + (
                           " under a 1x80 VALID conv of 128 of stride 4 on one channel "
                           "(rule Z; 7,981 outputs, no PAD), a MAX_POOL_2D 1x4 of "
                           "stride 4 after it and after each of three 1x3 SAME RELU "
                           "convs of 128 / 256 / 512 (no space pools with a stride "
                           "above 3: rule V; 1,995, 498, 124, 31; the 256 / 512 "
                           "filters new to longk and tiny; 11 ops), 278 M MACs new; "
                           "m5_raw_32000 (the same graph after a PAD), m5_32000 (M5 "
                           "on [1, 32000, 1, 1]), m18_valid_32000 and "
                           "m34res_valid_32000 (the same paper's VALID stems in the "
                           "same layout, siblings said openly) and m11_raw_32000 "
                           "earlier test models; [U] layout, VALID stem without the "
                           "PAD, SAME 1x3 convs, VALID pools, batch norms folded, "
                           "RELU fused, MEAN, 10 classes")),
    "m3_valid_32000": ("M3 (raw waveform, time along W), with a VALID stem (no PAD, "
                       "as Vela refuses the PAD + stride-4 stem)",
                       _M18_SPACES + (
                           " under a 1x80 VALID conv of 256 of stride 4 on one channel "
                           "(rule Z; 7,981 outputs, no PAD; longk's first convs stop "
                           "at 192 filters), MAX_POOL_2D 1x4 of stride 4 (no space "
                           "pools with a stride above 3: rule V; 1,995), one 1x3 SAME "
                           "RELU conv of 256 (tiny's filters stop at 128), MAX_POOL_2D "
                           "1x4 / 4 (498), MEAN, FC 10, SOFTMAX (7 ops), 556 M MACs "
                           "new; m18_valid_32000 and m34res_valid_32000 (the same "
                           "paper's VALID stems in the same layout, siblings said "
                           "openly), m5_raw_32000 (M5 in the same layout, after a "
                           "PAD) and m11_raw_32000 earlier test models; [U] layout, "
                           "VALID stem without the PAD, SAME 1x3 conv, VALID pools, "
                           "batch norms folded, RELU fused, MEAN, FC linear before "
                           "SOFTMAX, 10 classes")),
    # held-out families LXIX, part A (session 42, section 4, pre-registered); no
    # training space draws either exactly
    "wavegan_disc_16384": ("WaveGAN discriminator (raw waveform, d = 64)",
                           "longk / plain / agg (partly: longk draws 1-D signals [1, "
                           "1, T, C] of up to 16,000 samples (16,384 not among them) "
                           "under one long first conv (taps among {1, ..., 80}: 25 "
                           "not among them) of stride at most 4 (4 only VALID), 0-4 "
                           "later convs of at most 128 filters, a RESHAPE flatten, "
                           "FCs, at most 30 ops and 50 M MACs; plain's and agg's "
                           "standalone LEAKY_RELU 0.1); the 1 x 16,384 x 1 waveform "
                           "under five 1x25 stride-(1, 4) SAME convs of 64 / 128 / "
                           "256 / 512 / 1,024 (4,096, 1,024, 256, 64, 16 outputs; "
                           "the last with 13.1 M weights), each followed by a "
                           "standalone LEAKY_RELU 0.2, a RESHAPE flatten of 16,384 "
                           "into FC 1 (12 ops), 845 M MACs and 17.4 M parameters "
                           "new; srgan_disc_96 (a GAN discriminator with LEAKY_RELU "
                           "0.2, a flatten and an FC to one output), "
                           "demucs_enc4_4096 (1x8 stride-4 convs to 64-512 channels "
                           "on a waveform), segan_gen_16384 (strided 1x31 convs to "
                           "1,024 channels on 16,384 samples) and wave_unet_16384 "
                           "(16,384 samples, standalone LEAKY_RELU) earlier test "
                           "models; [U] layout, SAME, phase shuffle absent "
                           "(inference), LEAKY_RELU after the fifth conv too, no "
                           "output activation (a WGAN-GP critic), conv and FC "
                           "biases, NHWC flatten"),
    "ribeiro_ecg_resnet_4096": ("Ribeiro et al.'s 12-lead ECG ResNet (six "
                                "abnormalities)",
                                "resnet / longk / bcast (partly: resnet draws "
                                "residual blocks with strided 1x1 projection "
                                "shortcuts and ADD with RELU fused on square RGB maps "
                                "of 32-128 px; longk's 1-D signals of up to 16,000 "
                                "samples on 1-3 channels (12 not among them) under "
                                "1x16 convs of at most 192 / 128 filters, no ADD, at "
                                "most 30 ops and 50 M MACs; bcast's per-channel MUL "
                                "/ ADD constants); the 1 x 4,096 x 12 record under a "
                                "1x16 SAME RELU conv of 64, four residual units of "
                                "128 / 196 / 256 / 320 (a 1x16 SAME RELU conv, a "
                                "1x16 stride-(1, 4) SAME linear conv; the skip a "
                                "MAX_POOL_2D 1x4 / 4 (no space pools with a stride "
                                "above 3: rule V) then a 1x1 conv; a linear ADD "
                                "whose sum is the next skip, then a MUL + ADD RELU "
                                "batch norm on [1, 1, 1, C]; 1,024, 256, 64, 16 "
                                "outputs), a RESHAPE flatten of 5,120 into FC 6 and "
                                "a LOGISTIC (32 ops), 1.83 G MACs and 6.42 M "
                                "parameters new; hannun_ecg_resnet_256 (a 1-D ECG "
                                "ResNet of 16-tap convs, max-pooled shortcuts and "
                                "MUL + ADD batch norms after ADDs), "
                                "xresnet1d50_ptbxl_1000x12 (a 12-lead ECG ResNet) "
                                "and resnet_v2_50_224 (pre-activation units whose "
                                "shortcut reads the raw sum, MUL + ADD RELU batch "
                                "norms) earlier test models; [U] layout, SAME convs, "
                                "VALID pools (as SAME: 4 divides every width), batch "
                                "norms after convs folded, RELU fused, the post-add "
                                "batch norm as MUL + ADD RELU, biases on the skip "
                                "and stride-4 convs, dropout absent, NHWC flatten, "
                                "LOGISTIC after a linear FC 6"),
    # held-out families LXIX, part B (session 42, section 4, pre-registered); no
    # training space draws them exactly
    "convnetquake_1000x3": ("ConvNetQuake (Perol, Gharbi and Denolle; earthquake "
                            "detection and location, three-component waveforms)",
                            "longk / tiny (partly: longk draws 1-D signals [1, 1, "
                            "T, C] of 1,000 samples on 3 channels under one first "
                            "conv of 32 filters (1 x 3 among its kernels, SAME, "
                            "stride 2 along W, RELU), no pool, 0-4 SAME 1 x 3 "
                            "layers of 32 filters of stride 2, a flatten, FC and "
                            "SOFTMAX (7 classes not among them), at most 30 ops; "
                            "tiny's windows stop at 256 samples); the 1 x 1,000 x "
                            "3 window under eight 1x3 / 2 SAME RELU convs of 32 "
                            "(longk stops at five convs; 500, 250, 125, 63, 32, "
                            "16, 8, 4: the odd widths 125 and 63 O2's domain), a "
                            "flatten of 128 into FC 7, SOFTMAX (11 ops), 1.67 M "
                            "MACs and 23.0 k parameters new; har_cnn1d_128x9 and "
                            "ronao_har_cnn_128x6 (multi-channel 1-D sensor CNNs, "
                            "flatten, FC, SOFTMAX) and xresnet1d50_ptbxl_1000x12 "
                            "(stride-2 1-D convs on 1,000 samples) earlier test "
                            "models; [U] [1, 1, T, C] (time as W), SAME convs, "
                            "RELU fused, no batch norm, NHWC flatten, conv and FC "
                            "biases, FC linear before SOFTMAX"),
    "gpd_400x3": ("Generalized Phase Detection (Ross, Meier, Hauksson and Heaton; "
                  "seismic P / S / noise, three-component waveforms)",
                  "longk / tiny (partly: longk draws 1-D signals [1, 1, T, C] of "
                  "400 samples on 3 channels under one long first conv of 32 "
                  "filters (20 taps among its kernels, 21 not), one pool, 0-4 "
                  "SAME layers of 1 x {3, 5, 7, 9} or {8, 10, 12, 16} taps of at "
                  "most 128 filters, a flatten, FC of 32-128 and SOFTMAX, at most "
                  "30 ops; tiny's windows stop at 256 samples, its kernels at 8 "
                  "taps along W, its FCs of 16-512 (200 not among them), at most "
                  "12 ops); the 1 x 400 x 3 window under four SAME RELU convs (1x21 "
                  "of 32, 1x15 of 64, 1x11 of 128, 1x9 of 256; 15 / 11 taps and "
                  "256 filters new to longk's layers), each followed by a "
                  "MAX_POOL_2D 1x2 / 2 (200, 100, 50, 25; longk draws one pool), a "
                  "flatten of 6,400 into FC 200 RELU, FC 200 RELU, FC 3, SOFTMAX "
                  "(13 ops), 32.0 M MACs and 1.74 M parameters new; "
                  "ronao_har_cnn_128x6 (SAME 1-D convs with max pools, flatten, "
                  "FCs), acharya_seizure_eeg_4097 (1-D convs with max pools 1x2 / "
                  "2, flatten, FCs) and ignatov_har_128 (a 3-channel 1-D window, a "
                  "long first conv, flatten, FCs) earlier test models; [U] [1, 1, "
                  "T, C] (time as W), SAME convs, VALID pools, batch norms folded, "
                  "RELU fused, NHWC flatten, conv and FC biases, FC linear before "
                  "SOFTMAX"),
    # held-out families LXIX, part C (session 42, addendum 1, pre-registered); no
    # training space draws either exactly
    "wavegan_disc_valid_16384": ("WaveGAN discriminator (raw waveform, d = 64), with "
                                 "VALID convs (ours: wavegan_disc_16384 with the "
                                 "padding Vela maps)",
                                 "longk / plain / agg (partly: longk draws 1-D "
                                 "signals [1, 1, T, C] of up to 16,000 samples "
                                 "(16,384 not among them) under one long first conv "
                                 "(taps among {1, ..., 80}: 25 not among them) of "
                                 "stride at most 4 (4 only VALID), 0-4 later convs "
                                 "of at most 128 filters and stride at most 2, a "
                                 "RESHAPE flatten, FCs, at most 30 ops and 50 M "
                                 "MACs; plain's and agg's standalone LEAKY_RELU "
                                 "0.1); the 1 x 16,384 x 1 waveform under five 1x25 "
                                 "stride-(1, 4) VALID convs of 64 / 128 / 256 / 512 "
                                 "/ 1,024 on 1 and 64-512 channels (4,090, 1,017, "
                                 "249, 57, 9 outputs; the last with 13.1 M weights), "
                                 "each followed by a standalone LEAKY_RELU 0.2, a "
                                 "RESHAPE flatten of 9,216 into FC 1 (12 ops), 724 M "
                                 "MACs and 17.4 M parameters new; wavegan_disc_16384 "
                                 "(the same graph with SAME convs, unscored: Vela "
                                 "keeps its stride-4 SAME convs on the CPU), "
                                 "m5_valid_32000 and m18_valid_32000 (VALID "
                                 "stride-4 1-D stems on one channel), "
                                 "demucs_enc4_4096 (1x8 stride-4 convs to 64-512 "
                                 "channels on a waveform) and srgan_disc_96 (a GAN "
                                 "discriminator with LEAKY_RELU 0.2, a flatten and "
                                 "an FC to one output) earlier test models; [U] "
                                 "VALID (ours, not the published padding), layout, "
                                 "phase shuffle absent (inference), LEAKY_RELU after "
                                 "the fifth conv too, no output activation, conv and "
                                 "FC biases, NHWC flatten"),
    "convmixer_768_32_224": ("ConvMixer-768/32 (Trockman and Kolter, ReLU, "
                             "ImageNet)",
                             "mbconv / bcast / longk (partly: mbconv draws 7x7 "
                             "depthwise convs and residual ADDs after a 3x3 / 2 "
                             "stem on RGB inputs of 32-160 px, a MEAN, FC 1000 and "
                             "SOFTMAX, but no batch norm after an activation; "
                             "bcast's per-channel [1, 1, 1, C] MUL / ADD constants "
                             "on maps of at most 64 x 48 and 64 channels; longk's "
                             "first convs of stride up to 3 along H and 4 along W "
                             "on 1-3 channels of at most 128 x 128); a 7x7 / 7 "
                             "VALID RELU patch embedding of 768 on 224 x 224 x 3 "
                             "(32 x 32; Qe's domain: a stride above 3 on 3 "
                             "channels), 32 isotropic blocks at 32 x 32 x 768 (a "
                             "7x7 SAME RELU depthwise conv, a per-channel MUL + ADD "
                             "batch norm, a linear residual ADD, a 1x1 RELU conv "
                             "of 768, a MUL + ADD batch norm), MEAN, FC 1000, "
                             "SOFTMAX (230 ops), 20.7 G MACs and 21.1 M parameters "
                             "new; faceboxes_512 (a 7x7 / 4 VALID conv on an RGB "
                             "image), proxylessnas_mobile_224 (7x7 depthwise convs "
                             "at 224 px) and resnet_v2_50_224 (per-channel MUL + "
                             "ADD batch norms on 224-px ImageNet maps, linear "
                             "residual ADDs) earlier test models; [U] each batch "
                             "norm after a ReLU as a linear MUL + ADD on [1, 1, 1, "
                             "C] constants, conv biases, VALID stem, the branch "
                             "first in the residual ADD, MEAN without kept dims, "
                             "FC linear before SOFTMAX"),
    # held-out families LXX, part A (session 43, section 4, pre-registered); no
    # training space draws either exactly
    "yamnet_96x64": ("YAMNet (Plakal and Ellis; AudioSet sound events, MobileNet-v1 "
                     "1.0 on a log-mel patch)",
                     "mobilenet / families (partly: mobilenet draws MobileNet-v1 at "
                     "alpha 1.0 with five stride-1 512 blocks, RELU6, a MEAN + FC "
                     "head and SOFTMAX, but on square RGB inputs of 96-224 px; "
                     "families' vww draws grayscale MobileNet-v1 with RELU at alpha "
                     "0.25-0.5 on square 64-128 px, an AVERAGE_POOL head); the 96 x "
                     "64 x 1 log-mel input under the full-width stack (48 x 32 down to "
                     "3 x 2 x 1,024), plain RELU at alpha 1.0, FC 521 and a LOGISTIC "
                     "(multi-label) output (30 ops), 69.2 M MACs and 3.73 M "
                     "parameters new; mobilenet_v1_1.0_224 (the same stack on "
                     "ImageNet), mobilenet_v1_0.25_96_vww (RELU, MEAN head) and "
                     "vggish_96x64 (the same 96 x 64 log-mel patch) earlier test "
                     "models; [U] batch norms folded, RELU (not RELU6), SAME, MEAN "
                     "without kept dims, FC linear before LOGISTIC"),
    "xvector_tdnn_200x30": ("x-vector TDNN (Snyder et al.; speaker embeddings, "
                            "statistics pooling)",
                            "dil / longk (partly: dil draws dilated 1-D CONV_2Ds on "
                            "[1, 1, T, C] sequences of 200 frames, but SAME or "
                            "VALID after a PAD (the sequence never shrinks), of at "
                            "most 128 filters on 1-64 channels "
                            "(30 not among them), rates powers of two (3 not among "
                            "them), a MEAN + FC head; longk's 1-D signals have 1-3 "
                            "channels); five VALID RELU frame layers of 512-1,500 "
                            "filters (1x5, 1x3 dilated 2, 1x3 dilated 3, 1x1, 1x1; "
                            "200 -> 186 frames) on 30 MFCCs, statistics pooling "
                            "(MEAN; MUL, MEAN, MUL, SUB RELU, ADD, RSQRT, MUL for "
                            "the standard deviation; CONCATENATION to 3,000), FC 512 "
                            "RELU x 2, FC 7,000, SOFTMAX (18 ops), 509 M MACs and "
                            "8.07 M parameters new; coucke_dilated_kws_182x20 "
                            "(dilated convs on MFCC frames), ms_tcn_stage_512x2048 "
                            "(dilated 1-D convs with 1x1s on wide features) and "
                            "superpoint_240x320 (MUL, MEAN, RSQRT, MUL) earlier "
                            "test models; [U] 7,000 speakers, [1, 1, T, C] (time as "
                            "W), VALID, batch norms folded, RELU fused, the "
                            "deviation as v x RSQRT(v) with the variance clamped "
                            "at 0 and a floor of 1e-5 (Vela 5.2 runs SQRT on the "
                            "CPU), one range per CONCATENATION, FC linear before "
                            "SOFTMAX"),
    # held-out families LXX, part B (session 43, section 4, pre-registered); no
    # training space draws them exactly
    "musicnn_mtt_187x96": ("musicnn (Pons and Serra; MagnaTagATune music "
                           "auto-tagging, log-mel spectrogram)",
                           "longk / tiny / bcast (partly: longk draws one-channel "
                           "2-D maps of sides up to 128 (96 among them, 187 not) "
                           "under one first conv whose kernel may span a whole "
                           "axis, cut to Vela's height limit of 64, one VALID pool "
                           "of a window at most 8, 0-4 short layers, a flatten or "
                           "MEAN, FCs, at most 30 ops and 50 M MACs; tiny's "
                           "windows [1, 187, C, 1] of at most 9 columns, its "
                           "kernels at most 20 x 8, its ops at most 12; bcast's "
                           "MEAN over one axis kept); the 187 x 96 x 1 log-mel "
                           "under five parallel first convs (a PAD of 3 frames, "
                           "7x38 and 7x67 VALID of 204; 128x1, 64x1, 32x1 SAME of "
                           "51: the 128-tall one beyond longk's cap of 64, which "
                           "Vela 5.2 maps all the same), each "
                           "max-pooled over the whole frequency axis (1x59, 1x30, "
                           "1x96 windows), CONCATENATED to 561, a mid-end of three "
                           "7x1 SAME RELU convs of 64 with two residual ADDs "
                           "CONCATENATED densely to 753, a 187x1 max pool and a "
                           "MEAN over time CONCATENATED to 1,506, FC 200 RELU, FC "
                           "50, LOGISTIC (25 ops), 1.40 G MACs and 782 k "
                           "parameters new; textcnn_kim_56x300 (parallel "
                           "whole-axis VALID convs on a one-channel map, max over "
                           "time as MAX_POOL_2Ds, CONCATENATED), "
                           "panns_cnn6_1001x64 (a whole-time-axis MAX_POOL_2D and "
                           "a MEAN over time, a LOGISTIC over tags) and "
                           "fcn4_96x1366 (music auto-tagging on a mel-spectrogram, "
                           "a LOGISTIC over 50 tags) earlier test models; [U] [1, "
                           "187, 96, 1] (time as H), 204 / 51 filters and 38 / 67 "
                           "bins as recalled, one shared PAD then VALID timbral "
                           "convs, SAME temporal and mid-end convs, stride-1 "
                           "whole-axis pools, max before mean, input batch norm "
                           "left out, other batch norms folded, RELU fused, conv "
                           "and FC biases, FC linear before LOGISTIC"),
    "darknet_ref_224": ("Darknet Reference Model (Redmon, ImageNet)",
                        "plain (partly, and close: plain's darknet can draw 224-px "
                        "RGB inputs under seven 3x3 convs doubling from 16 to a cap "
                        "of 1,024, each with a standalone LEAKY_RELU 0.1, 2x2 / 2 "
                        "max pools after the first six (VALID: 7 -> 3), then a 1x1 "
                        "detection head of 18-425 channels with no MEAN or "
                        "SOFTMAX); the sixth pool SAME on the odd 7 x 7 map (7 -> "
                        "4, as Darknet pads it), the 1,024 conv on 4 x 4, the 1x1 "
                        "conv to 1,000 classes (1.02 M weights), MEAN and SOFTMAX "
                        "(23 ops), 403 M MACs and 7.32 M parameters new; "
                        "tiny_yolov2_416 (the same trunk at 416 px with a "
                        "stride-1 sixth pool and a detection head) and "
                        "darknet19_224 (LEAKY_RELU stacks with a 1x1 conv to "
                        "1,000, MEAN and SOFTMAX) earlier test models; [U] the "
                        "sixth pool's stride 2 (matching the published 0.81 Bn "
                        "operations), SAME on the odd map only, batch norms "
                        "folded, LEAKY_RELU standalone, the 1x1 conv to the "
                        "classes linear, MEAN, conv biases"),
    # held-out families LXX, part C (session 43, section 4, pre-registered); no
    # training space draws either exactly
    "tiny_darknet_224": ("Tiny Darknet (Redmon, pjreddie.com 2016; ImageNet)",
                         "plain (partly: plain's darknet draws Tiny-YOLO stacks of "
                         "6-9 3x3 convs doubling from 8-32 filters (no 1x1 between "
                         "them), max pools after the first 4-6, a standalone "
                         "LEAKY_RELU 0.1, inputs of 96-416 px (224 among them) and "
                         "a 1x1 detection head of at most 425 channels without "
                         "MEAN or SOFTMAX; vgg's MEAN + FC heads); 1x1 squeeze / 3x3 "
                         "expand pairs (16 / 128, 32 / 256, 64 / 512: an expansion "
                         "of 8) under four 2x2 / 2 max pools on 224 x 224 x 3, a "
                         "1x1 of 128 and a linear 1x1 classifier conv of 1,000 on "
                         "14 x 14, MEAN, SOFTMAX (37 ops), 492 M MACs and 1.04 M "
                         "parameters new; darknet19_224 (3x3 / 1x1 Darknet "
                         "alternation, a 1x1 classifier conv, MEAN, SOFTMAX), "
                         "tiny_yolov2_416 (Tiny-YOLO with standalone LEAKY_RELU) "
                         "and squeezenet_1.1_224 (1x1 squeeze convs before 3x3 "
                         "expands) earlier test models; [U] 224 x 224, SAME convs, "
                         "VALID pools, batch norms folded, standalone LEAKY_RELU "
                         "0.1, conv biases, MEAN without kept dims, SOFTMAX"),
    "mcnn_crowd_384x512": ("MCNN (Zhang, Zhou, Chen, Gao and Ma, CVPR 2016; "
                           "multi-column crowd counting, density map)",
                           "agg / dil / longk (partly: agg's inplace blocks of "
                           "2-4 parallel 1x1 / 3x3 / 5x5 branches of one input "
                           "CONCATENATED, each read only by the CONCATENATION, on "
                           "maps of at most 160 px and 128 channels; dil's k x k "
                           "CONV_2Ds (k {2, 3, 5, 7}, dilated or not) on maps of "
                           "at most 96 x 96; longk's first convs on 1-3 channels "
                           "of maps of at most 128 x 128); three columns of four "
                           "SAME RELU convs reading one 384 x 512 x 3 image (9x9 "
                           "16, 7x7 32, 7x7 16, 7x7 8; 7x7 20, 5x5 40, 5x5 20, "
                           "5x5 10; 5x5 24, 3x3 48, 3x3 24, 3x3 12; no space "
                           "draws a 9x9 CONV_2D, a 7x7 one on 384 x 512 or "
                           "parallel columns of four convs and two pools), six "
                           "2x2 / 2 max "
                           "pools, a CONCATENATION of 8 + 10 + 12 channels at 96 x "
                           "128 and a 1x1 RELU conv to one channel as the output "
                           "(20 ops), 5.27 G MACs and 134 k parameters new; "
                           "csrnet_b_256 (a density-map crowd counter ending in a "
                           "1x1 conv to one channel) and srcnn_915_64x64 (a 9x9 "
                           "first conv) earlier test models; [U] RGB, SAME convs, "
                           "VALID pools, conv biases, the columns concatenated "
                           "large, medium, small, RELU fused into the 1x1 output "
                           "conv"),
    # held-out families LXXI, part A (session 43, addendum 3, pre-registered); no
    # training space draws either exactly
    "arcnn_gray_256": ("ARCNN (Dong, Deng, Loy and Tang, ICCV 2015; JPEG artifact "
                       "reduction)",
                       "upsample / longk (partly: upsample's sr draws conv chains "
                       "with RELU on one-channel inputs that always up-sample by 2 "
                       "or 4; longk's first convs on 1-3 channels of "
                       "maps of at most 128 x 128, kernels whole-axis or {1, 3, 5, 8, "
                       "10, ...}, at most 50 M MACs); four SAME stride-1 convs at "
                       "the input's size on a 256 x 256 x 1 image, 9x9 of 64 (no "
                       "space draws a 9x9 CONV_2D), 7x7 of 64 -> 32, 1x1 of 16, 5x5 "
                       "to one channel as the output, no up-sampling (4 ops), 6.98 G "
                       "MACs and 107 k parameters new; srcnn_915_64x64 (a 9x9 first "
                       "conv of 64, a 5x5 conv to one channel, the output at the "
                       "input's size) and mcnn_crowd_384x512 (9x9 and 7x7 SAME "
                       "convs on a large map) earlier test models; [U] 256 x 256 "
                       "gray, SAME (the paper trains VALID), conv biases, RELU fused "
                       "but in the last conv, no residual"),
    "cnniqa_32": ("CNNIQA (Kang, Ye, Li and Doermann, CVPR 2014; no-reference "
                  "image quality)",
                  "longk / tiny (partly: longk draws a first CONV_2D of 50 filters "
                  "on a one-channel 32 x 32 map, but kernels whole-axis or {1, 3, 5, "
                  "8, ...} (7 not among them), VALID pools of windows at most 8, "
                  "FCs of at most 128 hidden units and 2-35 classes; tiny's "
                  "32 x 32 x 1 images under kernels of height {1, 3, 5, 8, 10, "
                  "20}, FCs of at most 512 and 2-12 classes); a 7x7 VALID linear "
                  "conv (26 x 26 x 50), a global max pool and a global min pool as "
                  "-max(-x) (MAX_POOL_2D 26x26 VALID; MUL by -1, MAX_POOL_2D, MUL "
                  "by -1) CONCATENATED to 100, FC 800 RELU x 2 and a linear FC to "
                  "one score without SOFTMAX (9 ops), 2.38 M MACs and 725 k "
                  "parameters new; lenet5_32 (a 5x5 VALID conv on a 32 x 32 x 1 "
                  "map, FCs), simplenet_cifar_32 (a global max pool as one "
                  "MAX_POOL_2D before an FC) and faceboxes_512 (a MUL by a "
                  "constant -1 as the negation) earlier test models; [U] gray, "
                  "local normalisation left out, the conv linear, stride-1 "
                  "whole-map pools, min as -max(-x) with two MULs, max first in "
                  "the CONCATENATION, no RESHAPE before the FC, conv and FC "
                  "biases, the score linear"),
    # held-out families LXXI, part B (session 43, addendum 3, pre-registered); no
    # training space draws either exactly
    "xu_net_256": ("Xu-Net (Xu, Wu and Shi, IEEE SPL 2016; image steganalysis, "
                   "cover / stego)",
                   "longk / tiny / plain (partly: longk draws 2-D maps of 1-3 "
                   "channels of sides up to 128 (256 not among them) under one "
                   "first conv (5 among its kernel extents, 8 among its filters), "
                   "one VALID pool of window at most 8 and stride at most 3, 0-4 "
                   "short SAME layers, MEAN or a flatten, FCs, SOFTMAX; tiny's "
                   "one-channel images of at most 96 px under 5x5 convs and VALID "
                   "2 / 3 average pools of stride = size; plain's densenet 2x2 "
                   "average pools; standalone TANH only in dil's gates and "
                   "recurrent's cells); a fixed 5x5 high-pass conv of one channel "
                   "to one and a 5x5 conv of 8 on 256 x 256 (C1b's domain), an ABS "
                   "(no space draws one), standalone TANHs after the 5x5 convs, a "
                   "5x5 conv of 16 on 128 x 128 x 8, four overlapping 5x5 / 2 SAME "
                   "average pools, 1x1 RELU convs of 32, 64 and 128, MEAN, FC 2, "
                   "SOFTMAX (16 ops), 73.5 M MACs and 14.7 k parameters new; "
                   "lenet1_28 (5x5 convs and average pools on one channel), "
                   "cifar10_quick_32 (5x5 SAME convs, 3 / 2 SAME average pools) "
                   "and dcgan_generator_64 (a standalone TANH after a conv) "
                   "earlier test models; [U] 256 x 256 gray, the KV kernel's "
                   "values (1/12 x the integer kernel) with a zero bias, SAME "
                   "convs and pools, batch norms folded (group 1's shift after "
                   "ABS left out), TANH standalone, RELU fused, conv biases, MEAN "
                   "without kept dims, FC linear before SOFTMAX"),
    "schluter_onset_15x80x3": ("Schlueter and Boeck's onset detection CNN (ICASSP "
                               "2014; musical onsets, three log-mel spectrograms)",
                               "longk / tiny (partly: longk draws 2-D maps of 1-3 "
                               "channels (3 among them) of sides 8-128 (80 among "
                               "them, 15 not) under one first conv of extents "
                               "{1, 3, 5, 8, ...} or the whole axis (7 not among "
                               "them) and 4-192 filters (10 not among them), one "
                               "VALID pool of window at most 8 (1x3 / 3 drawn), "
                               "0-4 short SAME layers (3x3 of 8-128 filters, 20 "
                               "not among them), a flatten, an FC of 32-128 and "
                               "one to 2-35 classes, SOFTMAX; tiny's one-channel "
                               "spectrograms under kernels of heights "
                               "{1, 3, 5, 8, 10, 20}, FCs of 16-512); the 15 x 80 "
                               "x 3 input under a 7x3 VALID conv of 10 (C1b's "
                               "domain), standalone TANHs, a 3x3 VALID conv of 20, "
                               "two 1x3 / (1, 3) max pools, a flatten of 1,120, FC "
                               "256 with a standalone LOGISTIC, FC 1 and a "
                               "LOGISTIC (11 ops), 1.03 M MACs and 290 k "
                               "parameters new; piczak_esc_60x41 (a log-mel CNN "
                               "with VALID convs, a 1x3 / 3 max pool, a flatten and "
                               "FCs), cnn_tstride4_32x40 (a 1 x 3 max pool over "
                               "frequency on a log-mel) and cnn_tpool2_32x40 "
                               "earlier test models; [U] [1, 15, 80, 3] (time as "
                               "H, frequency as W, the three spectrograms as "
                               "channels), VALID convs and pools, pool stride = "
                               "window, TANH and LOGISTIC standalone, NHWC "
                               "flatten, conv and FC biases"),
    # held-out families LXXII (session 43, addendum 6, pre-registered); no training
    # space draws either exactly
    "srnet_256": ("SRNet (Boroumand, Chen and Fridrich, IEEE TIFS 2019; image "
                  "steganalysis, cover / stego)",
                  "resnet / longk (partly: resnet draws RGB inputs of sides 32-128 "
                  "(256 and one channel not among them), a 3x3 or 7x7 / 2 stem, "
                  "basic blocks whose stride-2 3x3 conv downsamples with a 1x1 / 2 "
                  "skip and a RELU fused into each ADD, MEAN, FC; longk's one-"
                  "channel maps stop at 128 a side); a 3x3 conv of 64 on a 256 x "
                  "256 gray image and one of 64 to 16, five "
                  "residual blocks of two 3x3 convs of 16 at 256 x 256 with linear "
                  "ADDs, four blocks downsampling through a 3x3 / 2 SAME average "
                  "pool after two 3x3 convs added to a 1x1 / 2 conv skip (16, 64, "
                  "128, 256 filters), two 3x3 convs of 512 at 16 x 16, MEAN, FC 2, "
                  "SOFTMAX (42 ops), 5.95 G MACs and 4.77 M parameters new; "
                  "xu_net_256 (a steganalysis CNN on a 256 x 256 gray image with "
                  "5x5 / 2 SAME average pools), resnet20_cifar (basic blocks of "
                  "3x3 convs of 16-64 with 1x1 / 2 skips) and resnet18_224 "
                  "earlier test models; [U] 256 x 256 gray, batch norms folded, "
                  "conv biases, SAME convs and pools, RELU fused, linear ADDs, the "
                  "skip after the main path, MEAN without kept dims, FC linear "
                  "before SOFTMAX"),
    "yedroudj_net_256": ("Yedroudj-Net (Yedroudj, Comby and Chaumont, ICASSP 2018; "
                         "image steganalysis, cover / stego)",
                         "longk / tiny (partly: longk draws one-channel maps of "
                         "sides up to 128 (256 not among them) under one first "
                         "conv (5 among its kernel extents, 30 among its filters), "
                         "one VALID pool of window at most 8, short SAME layers, "
                         "MEAN or a flatten, FCs, SOFTMAX; tiny's one-channel "
                         "images of at most 96 px under 5x5 convs; no space draws "
                         "ABS, MAXIMUM or MINIMUM); a fixed 5x5 conv of one "
                         "channel to 30 SRM residuals on 256 x 256, "
                         "two 5x5 convs of 30 at 256 x 256, an ABS, two TLUs as "
                         "MAXIMUM / MINIMUM by constants, three overlapping 5x5 / 2 "
                         "SAME average pools, 3x3 RELU convs of 32, 64 and 128, "
                         "MEAN, FC 256 and 1,024 RELU, FC 2, SOFTMAX (19 ops), 3.29 "
                         "G MACs and 445 k parameters new; xu_net_256 (a fixed 5x5 "
                         "high-pass conv, ABS and 5x5 / 2 SAME average pools on a "
                         "256 x 256 gray image), arcnn_gray_256 (large-kernel "
                         "stride-1 convs on a 256 x 256 gray image) and "
                         "cifar10_quick_32 (5x5 SAME convs) earlier test models; "
                         "[U] 256 x 256 gray, the 30 SRM kernels as constructed "
                         "(each over its centre's magnitude) with a zero bias, SAME "
                         "convs and pools, batch norms folded (block 1's shift "
                         "after ABS left out), TLU(T) = MINIMUM(MAXIMUM(x, -T), T), "
                         "RELU fused, conv and FC biases, MEAN without kept dims, "
                         "the last FC linear before SOFTMAX"),
    # held-out families LXXIII, part A (session 44, section 4, pre-registered); no
    # training space draws any exactly
    "deepbind_101x4": ("DeepBind (Alipanahi, Delong, Weirauch and Frey, Nat. "
                       "Biotechnol. 2015; protein-DNA binding score, one-hot DNA)",
                       "longk / tiny (partly: longk draws 1-D signals [1, 1, T, C] "
                       "of 1-3 channels (4 not among them; 101 among its 2-D sides, "
                       "not its lengths) under one first conv of 16 filters among "
                       "others, kernels {1, 3, 5, 8, 10, 16, 20, ...} or the whole "
                       "axis (24 not among them), VALID, RELU, one VALID pool of a "
                       "window at most 8, an FC of 32 among its hidden widths and "
                       "one to 2-35 classes (1 not among them); tiny's sensor "
                       "windows of 1, 3, 6 or 9 channels and 64-256 samples); the "
                       "1 x 101 x 4 one-hot sequence under a 1x24 VALID RELU conv "
                       "of 16 (78 positions), a global max pool as one MAX_POOL_2D "
                       "1x78, FC 32 RELU on the 1 x 1 map and a linear FC to one "
                       "score (4 ops), 120 k MACs and 2.13 k parameters new; "
                       "textcnn_kim_56x300 (a VALID conv, max over time as a "
                       "MAX_POOL_2D, an FC), cnniqa_32 (a global max pool as one "
                       "MAX_POOL_2D before an FC without RESHAPE, a linear score) "
                       "and har_cnn1d_128x9 (a multi-channel 1-D window) earlier "
                       "test models; [U] [1, 1, 101, 4] (bases as W), VALID (the "
                       "paper's edge padding left out), max pooling only, the "
                       "hidden layer of 32 kept, a stride-1 whole-length pool, no "
                       "RESHAPE before the FC, conv and FC biases, the score "
                       "linear"),
    "deepsea_1000x4": ("DeepSEA (Zhou and Troyanskaya, Nat. Methods 2015; 919 "
                       "chromatin features, one-hot DNA)",
                       "longk / tiny (partly: longk draws 1-D signals [1, 1, T, C] "
                       "of 1,000 samples on 1-3 channels (4 not among them) under "
                       "one first conv of at most 192 filters (8 among its kernels), "
                       "one pool of stride at most 3, 0-4 short layers of at most "
                       "128 filters, a flatten into FCs of at most 65,536 inputs "
                       "and 2 M weights and 2-35 classes, SOFTMAX or none; tiny's "
                       "FCs stop at 4 M weights, its windows at 256 samples); the "
                       "1 x 1,000 x 4 one-hot sequence under three 1x8 VALID RELU "
                       "convs of 320, 480 and 960 (993, 241, 53 positions), two "
                       "MAX_POOL_2D 1x4 / 4 (248, 60; no space pools with a stride "
                       "above 3), a flatten of 50,880 into FC 925 RELU (47.1 M "
                       "weights), FC 919 and a LOGISTIC (9 ops), 550 M MACs and "
                       "52.8 M parameters new; char_cnn_large_1014 (1-D VALID convs "
                       "of 1,024 features, a flatten into a 71.3 M-weight FC), "
                       "dieleman_e2e_48000 (1-D VALID convs, MAX_POOL_2D 1x4 / 4, a "
                       "flatten, FCs and a LOGISTIC over tags) and gpd_400x3 (1-D "
                       "convs with max pools, a flatten, FCs) earlier test models; "
                       "[U] [1, 1, 1000, 4] (bases as W), VALID convs and pools "
                       "(remainders floored), RELU fused, NHWC flatten, conv and FC "
                       "biases, FC linear before LOGISTIC"),
    "basset_600x4": ("Basset (Kelley, Snoek and Rinn, Genome Res. 2016; DNase I "
                     "accessibility in 164 cell types, one-hot DNA)",
                     "longk / tiny (partly: longk draws 1-D signals [1, 1, T, C] of "
                     "1-3 channels (4 not among them) and lengths 64-16,000 (600 "
                     "not among them) under one first conv of at most 192 filters "
                     "(19 not among its kernels), one pool of stride at most 3, "
                     "0-4 short SAME layers of 1 x {3, 5, 7, 9} taps and at most "
                     "128 filters, a flatten, FCs of at most 128 hidden units and "
                     "2-35 classes; tiny's windows stop at 256 samples, its FCs at "
                     "512); the 1 x 600 x 4 one-hot sequence under SAME RELU convs "
                     "of 300 x 19, 200 x 11 and 200 x 7 taps, each followed by a "
                     "SAME MAX_POOL_2D (1x3 / 3, 1x4 / 4, 1x4 / 4: 200, 50, 13), a "
                     "flatten of 2,600 into FC 1,000 RELU, FC 1,000 RELU, FC 164 "
                     "and a LOGISTIC (11 ops), 163 M MACs and 4.73 M parameters "
                     "new; gpd_400x3 (SAME 1-D convs of 21-9 taps each followed by "
                     "a max pool, a flatten, FCs), char_cnn_large_1014 (1-D convs "
                     "with 1x3 / 3 max pools, a flatten, FCs) and fcn4_96x1366 (a "
                     "LOGISTIC over 50 tags) earlier test models; [U] [1, 1, 600, "
                     "4] (bases as W), SAME convs, SAME (ceil) pools, batch norms "
                     "folded, RELU fused, NHWC flatten, conv and FC biases, FC "
                     "linear before LOGISTIC"),
    # held-out families LXXIII, part b (session 44, section 4, pre-registered); no
    # training space draws either exactly
    "voxceleb_vggm_512x300": ("VoxCeleb VGG-M (Nagrani, Chung and Zisserman, "
                              "Interspeech 2017; speaker identification on a "
                              "spectrogram)",
                              "longk / plain / tiny (partly: longk draws one-channel "
                              "2-D maps of sides up to 128 (512 and 300 not among "
                              "them) under one first conv, VALID pools of windows "
                              "at most 8 and strides at most 3 per axis, k x 1 "
                              "layers (9 x 1 among them) of at most 128 filters; "
                              "plain's vgg draws 3x3 RELU conv stacks with max pools "
                              "on square 3-channel images of 32-160 px; tiny's "
                              "one-channel spectrograms stop at 124 x 40, 12 ops and "
                              "100 M MACs); the 512 x 300 x 1 spectrogram under a "
                              "7x7 / 2 VALID conv of 96, 3x3 / 2 max pools, a 5x5 / "
                              "2 VALID conv of 256, 3x3 convs of 384, 256, 256 at 30 "
                              "x 17, a 5x3 / (3, 2) max pool, fc6 as a 9x1 conv of "
                              "4,096 (9.4 M weights), apool6 as a 1x8 average pool, "
                              "FC 1,024 RELU, FC 1,251, SOFTMAX (13 ops), 2.77 G "
                              "MACs and 17.9 M parameters new; vgg_m_224 (the same "
                              "VGG-M stem on ImageNet), vggish_96x64 (a VGG stack "
                              "on a one-channel log-mel patch) and "
                              "xvector_tdnn_200x30 (speaker identification, SOFTMAX "
                              "over speakers) earlier test models; [U] VALID conv1, "
                              "conv2 and pools (the paper's maps from the pools on), "
                              "SAME 3x3 convs, batch norms folded, RELU fused, "
                              "apool6 of stride 1, fc7 / fc8 as FULLY_CONNECTED "
                              "without a RESHAPE, conv and FC biases"),
    "dpcnn_256x300": ("DPCNN (Johnson and Zhang, ACL 2017; deep pyramid CNN for text "
                      "categorization on word embeddings)",
                      "dil / plain / tiny (partly: dil draws 1-D CONV_2Ds on [1, 1, "
                      "T, C] sequences (256 among the lengths, 300 channels not; "
                      "widths at most 128) with residual ADDs, but no pools, at most "
                      "40 ops and 60 M MACs; plain's densenet draws standalone RELUs "
                      "before convs; tiny's 1-D windows under max pools of stride = "
                      "size); 256 tokens of 300-d embeddings as 1 x 256 x 300, a "
                      "linear 1x3 region embedding of 250 and sixteen 1x3 SAME convs "
                      "of 250 each after a standalone RELU (pre-activation), eight "
                      "linear shortcut ADDs, seven 1x3 / 2 SAME max pools (256 -> 2) "
                      "and a 1x2 VALID one, FC 2 without SOFTMAX (50 ops), 249 M "
                      "MACs and 3.23 M parameters new; vdcnn9_1024 (1x3 SAME convs "
                      "with SAME 1x3 / 2 max pools on text), textcnn_kim_56x300 "
                      "(300-d word embeddings) and wrn16_4_cifar (pre-activation "
                      "with standalone RELUs) earlier test models; [U] 2 classes, "
                      "the embeddings as the input, seven downsampling blocks and "
                      "the final max pooling as a 1x2 MAX_POOL_2D, SAME, conv and FC "
                      "biases, the output linear"),
    # held-out families LXXIV, part a (session 44, addendum 2, pre-registered); no
    # training space draws either exactly
    "efficientnet_b1_240": ("EfficientNet-B1 (Tan and Le, ICML 2019; width 1.0, depth "
                            "1.1, 240 x 240)",
                            "mbconv / silu / families (partly: MBConv with expansion "
                            "6, 3x3 / 5x5 depthwise, squeeze-excite with a LOGISTIC "
                            "gate, head 1280, MEAN + FC 1000 + SOFTMAX (mbconv: at "
                            "most 160 px, RELU / RELU6 / HARD_SWISH, 3-6 stages); "
                            "swish as LOGISTIC + MUL and SE (silu: widths at most "
                            "128, expansions 1 / 2 / 4, SE widths multiples of 8); "
                            "EfficientNet-Lite stages (families: RELU6, no SE, depth "
                            "0.5-1.0, first and last stages' repeats kept, 96-224 "
                            "px)); swish in MBConv, 7 stages of 2 / 3 / 3 / 4 / 4 / 5 "
                            "/ 2 blocks (depth 1.1, every stage's repeats ceil'd), "
                            "widths 192 / 320 / 1280 with swish, SE of 4-80 channels, "
                            "the 240 x 240 input (no space draws 240) and 341 ops new, "
                            "687 M MACs and 7.76 M parameters; efficientnet_b0_224 "
                            "(the same stages at depth 1.0, 224 px), "
                            "efficientnet_lite2_260 (B2's scaling without SE) and "
                            "tinynet_e_106 (B0 scaled down) earlier test models; [U] "
                            "ceil depth rounding on every stage, stem 32 and head "
                            "1280 unscaled, SE of int(C_in / 4), SAME"),
    "tinynet_a_192": ("TinyNet-A (Han et al., NeurIPS 2020; EfficientNet-B0 at r = "
                      "0.86, w = 1.0, d = 1.2)",
                      "mbconv / silu / families (partly: MBConv with expansion 6, 3x3 "
                      "/ 5x5 depthwise, squeeze-excite with a LOGISTIC gate, head "
                      "1280, MEAN + FC 1000 + SOFTMAX (mbconv: at most 160 px, RELU / "
                      "RELU6 / HARD_SWISH, 3-6 stages); swish as LOGISTIC + MUL and "
                      "SE (silu: widths at most 128, expansions 1 / 2 / 4, SE widths "
                      "multiples of 8); EfficientNet-Lite stages at 192 px and width "
                      "1.0 (families: RELU6, no SE, depth 0.5-1.0)); swish in MBConv, "
                      "7 stages of 1 / 2 / 2 / 4 / 4 / 5 / 1 blocks (depth 1.2, "
                      "repeats rounded), widths 192 / 320 / 1280 with swish, SE of "
                      "4-48 channels and 284 ops new, 337 M MACs and 6.16 M "
                      "parameters; efficientnet_b0_224 (the same stages at depth "
                      "1.0, 224 px) and tinynet_e_106 (the same TinyNet scaling at r "
                      "= 0.475, w = 0.51, d = 0.6) earlier test models; [U] depth "
                      "rounding round(1.2 n) (ceil would give B1's 23 blocks, 419 M "
                      "MACs, 7.76 M parameters against the published 339 M and 6.2 "
                      "M), 224 x 0.86 = 192.6 taken as 192, stem 32 and head 1280 "
                      "kept, SAME"),
    # held-out families LXXIV, part b (session 44, addendum 2, pre-registered); no
    # training space draws either exactly
    "yolov5s_320": ("YOLOv5s (Ultralytics v6.0, COCO)",
                    "plain / silu (partly: plain draws Darknet stacks with route "
                    "CONCATENATIONs; silu draws x * LOGISTIC(x) after every conv and "
                    "YOLOv5 C3 blocks of 1-3 bottlenecks, at 32-160 px and widths of "
                    "at most 128); the YOLOv5n skeleton at width 0.50: 320 x 320 "
                    "input, 32-512 channels, SPPF (three chained 5x5/1 max pools "
                    "into one CONCATENATION of four) on 512, a PAN neck with nearest "
                    "x2 up-sampling and three 255-channel heads (199 ops), 2.05 G "
                    "MACs and 7.23 M parameters new; yolov5n_320 (the same skeleton "
                    "at width 0.25) and yolov8n_320 earlier test models; [U] SAME "
                    "padding of the stem and the stride-2 convs (bottom / right), "
                    "Detect decoding left out"),
    "mixnet_m_224": ("MixNet-M (Tan and Le, BMVC 2019)",
                     "mbconv / silu / shuffle (partly: mbconv draws MBConv with SE "
                     "and a LOGISTIC gate, one depthwise kernel of 3 / 5 / 7 a block, "
                     "at <= 160 px; silu draws swish as x * LOGISTIC(x) in MBConv with "
                     "expansions 1 / 2 / 4 and widths of at most 128; shuffle SPLITs "
                     "a map into 2); MixConv (channel SPLIT into 2-4 groups, one "
                     "depthwise conv of kernel 3 / 5 / 7 / 9 a group, CONCATENATION), "
                     "grouped 1x1 convs (SPLIT, a CONV_2D a group, CONCATENATION) with "
                     "swish, expansions 3 / 6 with swish, widths up to 1,536, a 24 "
                     "stem at 224 (398 ops), 339 M MACs and 4.99 M parameters new; "
                     "mixnet_s_224 (the same machinery, a smaller table) and "
                     "efficientnet_b0_224 (swish, SE) earlier test models; [U] block "
                     "table recalled (Figure 8(b), 1x1 groups and SE ratios from the "
                     "reference block strings), swish as x * LOGISTIC(x), grouped 1x1 "
                     "convs as SPLIT / CONV_2D / CONCATENATION, batch norms folded"),
    # held-out families LXXV (session 44, addendum 3, pre-registered); no training
    # space draws either exactly
    "deepsea_beluga_2000x4": ("DeepSEA Beluga (Zhou et al., Nat. Genet. 2018, "
                              "ExPecto; 2,002 chromatin profiles, one-hot DNA)",
                              "longk / tiny (partly: longk draws 1-D signals [1, 1, "
                              "T, C] of 2,000 samples on 1-3 channels (4 not among "
                              "them) under one first conv of at most 192 filters (8 "
                              "among its kernels), one pool of stride at most 3, 0-4 "
                              "short layers of at most 128 filters, a flatten into "
                              "FCs of at most 65,536 inputs and 2 M weights and 2-35 "
                              "classes, at most 50 M MACs; tiny's FCs stop at 4 M "
                              "weights, its windows at 256 samples); the 1 x 2,000 x "
                              "4 one-hot sequence under three stages of two 1x8 "
                              "VALID RELU convs of 320, 480 and 640 (1,993 / 1,986, "
                              "489 / 482, 113 / 106 positions), two MAX_POOL_2D 1x4 / "
                              "4 (496, 120; no space pools with a stride above 3), a "
                              "flatten of 67,840 into FC 2,003 RELU (135.9 M "
                              "weights), FC 2,002 and a LOGISTIC (12 ops), 3.90 G "
                              "MACs and 149.5 M parameters new; deepsea_1000x4 (the "
                              "same kind: 1x8 VALID convs, 1x4 / 4 max pools, a "
                              "flatten into a 47.1 M-weight FC, LOGISTIC), "
                              "char_cnn_large_1014 (1-D VALID convs of 1,024 "
                              "features, a flatten into a 71.3 M-weight FC) and "
                              "dieleman_e2e_48000 (1-D VALID convs, MAX_POOL_2D 1x4 / "
                              "4, a flatten, FCs and a LOGISTIC) earlier test models; "
                              "[U] [1, 1, 2000, 4] (bases as W), no batch norm, VALID "
                              "convs and pools (remainders floored), RELU fused, NHWC "
                              "flatten, conv and FC biases, FC linear before "
                              "LOGISTIC"),
    "deepstarr_249x4": ("DeepSTARR (de Almeida et al., Nat. Genet. 2022; "
                        "developmental and housekeeping enhancer activity, one-hot "
                        "DNA)",
                        "tiny / longk (partly: tiny draws sensor windows [1, 1, T, "
                        "C] of 64-256 samples (249 not among them) on 1, 3, 6 or 9 "
                        "channels (4 not among them) under 0-4 CONV_2D of kernel "
                        "widths {1, 3, 4, 5, 8} (7 not among them) and 4-128 filters "
                        "(256, 60 and 120 not among them), each followed or not by "
                        "a pool of 2 or 3, a flatten, 0-3 FCs of 16-512 units and "
                        "2-12 classes, at most 12 ops; longk draws 1-D signals of "
                        "1-3 channels and lengths without 249, one first conv of at "
                        "most 192 filters, 0-4 SAME layers of 1 x {3, 5, 7, 9} taps "
                        "and at most 128 filters, FCs of at most 128 hidden units); "
                        "the 1 x 249 x 4 one-hot sequence under SAME RELU convs of "
                        "256 x 7, 60 x 3, 60 x 5 and 120 x 3 taps, each followed by "
                        "a VALID MAX_POOL_2D 1x2 / 2 (124, 62, 31, 15; 31 floored), "
                        "a flatten of 1,800 into FC 256 RELU, FC 256 RELU and a "
                        "linear FC 2 (12 ops), 9.81 M MACs and 621 k parameters "
                        "new; basset_600x4 (SAME 1-D convs on one-hot DNA each "
                        "followed by a max pool, a flatten, FCs), "
                        "ronao_har_cnn_128x6 (SAME 1-D convs each with a floored "
                        "max pool, a flatten, FCs) and har_cnn1d_128x9 (a "
                        "multi-channel 1-D window, a max pool, a flatten, FC) "
                        "earlier test models; [U] [1, 1, 249, 4] (bases as W), SAME "
                        "convs, VALID (floored) pools, batch norms folded, RELU "
                        "fused, NHWC flatten, conv and FC biases, the two outputs "
                        "as one linear FC 2"),
    # held-out families LXXVI (session 44, addendum 5, pre-registered); no training
    # space draws either exactly
    "deepcpg_dna_1001x4": ("DeepCpG DNA module (Angermueller, Lee, Reik and Stegle, "
                           "Genome Biol. 2017; CpG methylation state, one-hot DNA)",
                           "longk / tiny (partly: longk draws 1-D signals [1, 1, T, "
                           "C] of 1-3 channels (4 not among them) and lengths with "
                           "1,000 but not 1,001 under one first conv of at most 192 "
                           "filters (128 among them; 11 not among its kernels), one "
                           "pool of stride at most 3 after it, 0-4 short SAME "
                           "layers of 1 x {3, 5, 7, 9} taps and at most 128 filters "
                           "(256 not among them) with no pool after them, a flatten "
                           "into FCs of at most 65,536 inputs and 2 M weights, 32-128 "
                           "hidden units and 2-35 classes (1 not among them), "
                           "SOFTMAX or none, at most 50 M MACs; tiny's windows stop "
                           "at 256 samples, its filters at 128, its pools at 3); the "
                           "1 x 1,001 x 4 one-hot sequence under a 1x11 VALID RELU "
                           "conv of 128 (991 positions), a MAX_POOL_2D 1x4 / 4 (247; "
                           "no space pools with a stride above 3), a 1x3 VALID RELU "
                           "conv of 256 (245), a MAX_POOL_2D 1x2 / 2 (122), a "
                           "flatten of 31,232 into FC 128 RELU (4.0 M weights), FC "
                           "1 and a LOGISTIC (8 ops), 33.7 M MACs and 4.10 M "
                           "parameters new; deepsea_1000x4 (1-D VALID convs on "
                           "one-hot DNA, 1x4 / 4 max pools, a flatten, FCs, a "
                           "LOGISTIC), deepbind_101x4 (one VALID conv on one-hot "
                           "DNA, a max pool, FC 32 RELU, a one-unit output) and "
                           "basset_600x4 (1-D convs on one-hot DNA each followed by "
                           "a max pool of stride 3-4, a flatten, FCs) earlier test "
                           "models; [U] [1, 1, 1001, 4] (bases as W), VALID convs "
                           "and pools (remainders floored), RELU fused, NHWC "
                           "flatten, conv and FC biases, FC 1 linear before "
                           "LOGISTIC"),
    "xpresso_10500x4": ("Xpresso (Agarwal and Shendure, Cell Rep. 2020; mRNA "
                        "expression level from the promoter, one-hot DNA)",
                        "longk / tiny (partly: longk draws 1-D signals [1, 1, T, C] "
                        "of 1-3 channels (4 not among them) and lengths 64-16,000 "
                        "(10,500 not among them) under one first conv of at most 192 "
                        "filters (128 among them; 6 not among its kernels), one pool "
                        "of stride at most 3 after it, 0-4 short SAME layers of 1 x "
                        "{3, 5, 7, 9} taps (9 among them) and at most 128 filters "
                        "with no pool after them, a flatten, at most one hidden FC "
                        "of 32-128 units and an FC to 2-35 classes (1 not among "
                        "them), at most 50 M MACs; tiny's windows stop at 256 "
                        "samples, its pools at 3); the 1 x 10,500 x 4 one-hot "
                        "sequence under a 1x6 VALID RELU conv of 128 (10,495 "
                        "positions), a MAX_POOL_2D 1x30 / 30 (349; no space pools "
                        "with a stride above 3), a 1x9 VALID RELU conv of 32 (341), "
                        "a MAX_POOL_2D 1x10 / 10 (34), a flatten of 1,088 into FC "
                        "64 RELU, FC 2 RELU and a linear FC 1 (8 ops), 44.9 M MACs "
                        "and 110 k parameters new; deepsea_1000x4 (1-D VALID convs "
                        "on one-hot DNA, strided max pools, a flatten, FCs), "
                        "wavemsnet_44100 (1-D RELU convs on a long signal followed "
                        "by MAX_POOL_2D 1x30 / 30 among others) and "
                        "dieleman_e2e_48000 (a long 1-D signal, VALID convs, max "
                        "pools of stride 4, a flatten, FCs) earlier test models; "
                        "[U] the half-life features left out, [1, 1, 10500, 4] "
                        "(bases as W), VALID convs and pools (remainders floored), "
                        "RELU fused, NHWC flatten, conv and FC biases, the output "
                        "linear"),
}
#: the models added in session 17 (reported apart from the 17 earlier ones)
SESSION17 = ("shufflenet_v2_0.5_224", "shufflenet_v2_1.0_224", "gru_kws_49x10",
             "crnn_kws_49x10", "squeezenet_1.1_224", "googlenet_224",
             "mobilenet_v3_small_224", "mobilenet_v3_large_224")
#: the models added in session 18 (pre-registered before they were built)
SESSION18 = ("densenet121_224", "vgg11_cifar", "tiny_yolov2_416")
#: the models added in session 19 (pre-registered before they were built)
SESSION19 = ("resnet18_224", "resnet50_224", "efficientnet_b0_224")
#: held-out families IV, added in session 19 (pre-registered before they were built)
SESSION19B = ("mobilenet_v1_1.0_224", "tiny_yolov3_416", "inception_v3_299",
              "pilotnet_66x200")
#: held-out families V, added in session 19 (pre-registered before they were built)
SESSION19C = ("ghostnet_1.0_224", "mnasnet_a1_224", "xception_299")
#: held-out families VI, added in session 20 (pre-registered before they were built)
SESSION20 = ("resnet34_224", "mobilenet_v2_1.4_224", "squeezenet_1.0_224",
             "darknet19_224")
#: held-out families VII, added in session 20 (pre-registered before they were built)
SESSION20B = ("peleenet_224", "bn_inception_224", "densenet169_224", "unet_128")
#: held-out families VIII, added in session 20 (pre-registered before they were built)
SESSION20C = ("hardnet68_224", "yolov4_tiny_416", "inception_v4_299",
              "ghostnet_1.3_224")
#: held-out families IX, added in session 21 (pre-registered before they were built)
SESSION21 = ("deeplabv3_mnv2_513", "erfnet_512x256", "ssdlite_mnv2_320",
             "mobilefacenet_112")
#: held-out families X, added in session 21 (pre-registered before they were built)
SESSION21B = ("mnasnet_b1_224", "linknet_512x256", "wrn16_4_cifar", "ssd300_mnv1")
#: held-out families XI, added in session 22 (pre-registered before they were built)
SESSION22 = ("espnet_512x256", "cgnet_m3n21_512x256", "edanet_512x256",
             "dabnet_512x256")
#: held-out families XII, added in session 22
SESSION22B = ("proxylessnas_mobile_224", "mixnet_s_224", "fbnet_a_224", "alexnet_224")
#: held-out families XIII, added in session 22
SESSION22C = ("deeplabv3plus_mnv2_513", "drn_c_26_224", "lednet_512x256",
              "fast_scnn_1024x512")
#: held-out families XIV, added in session 22
SESSION22D = ("vgg16_224", "squeezenext23_227", "efficientnet_lite2_260",
              "mobilenet_v2_0.35_96")
#: held-out families XV, added in session 22
SESSION22E = ("bisenet_r18_512x256", "contextnet14_1024x512", "pspnet_mnv2_512",
              "fcn8s_vgg16_256")
#: held-out families XVI, added in session 22
SESSION22F = ("resnet101_224", "mobilenet_v1_0.5_160", "darknet53_256",
              "shufflenet_v1_g3_224")
#: held-out families XVII, added in session 23 (pre-registered before they were built)
SESSION23 = ("vovnet27_slim_224", "yolov5n_320", "unetpp_128", "retinaface_mnet025_320")
#: held-out families XVIII, added in session 23 (pre-registered before they were built)
SESSION23B = ("se_resnet50_224", "nin_224", "spnasnet100_224",
              "efficientnet_edgetpu_s_224")
#: held-out families XIX, added in session 23 (addendum 3; pre-registered before they
#: were built)
SESSION23C = ("yolov8n_320", "yolox_nano_416", "efficientnetv2_b0_224",
              "mobileone_s0_224")
#: held-out families XX (session 24, pre-registered before they were built)
SESSION24 = ("yolov7_tiny_416", "nanodet_m_320", "dla34_224", "pp_picodet_s_320")
#: held-out families XXI (session 24, pre-registered before they were built)
SESSION24B = ("pp_lcnet_1.0_224", "mobilenetv4_conv_small_224", "ghostnetv2_1.0_224",
              "hrnet_w18_small_224")
#: held-out families XXII (session 25, pre-registered before they were built)
SESSION25 = ("snet146_320", "lite_hrnet18_256x192", "igcv3_d_1.0_224",
             "shuffleseg_512x256")
#: held-out families XXIII (session 25, pre-registered before they were built)
SESSION25B = ("repvgg_a0_224", "mobilenext_1.0_224", "repghostnet_1.0_224",
              "rexnet_1.0_224")
#: held-out families XXIV, first half (session 25, pre-registered before they were
#: built)
SESSION25C = ("res2net50_26w4s_224", "regnetx_200mf_224", "espnetv2_1.0_224",
              "blazeface_128")
#: held-out families XXIV, second half (session 25, pre-registered before they were built)
SESSION25D = ("centernet_r18_512", "ddrnet23_slim_1024x512", "lraspp_mnv3_large_512",
              "efficientdet_d0_512")
#: held-out families XXV, first half (session 26, pre-registered before they were built)
SESSION26 = ("resnext50_32x4d_224", "nasnet_a_mobile_224", "dpn68_224", "pfld_0.25_112")
#: held-out families XXV, second half (session 26, pre-registered before they were built)
SESSION26B = ("bisenetv2_1024x512", "stdc1_seg_1024x512", "u2netp_320", "carn_m_x2_64")
#: held-out families XXVI, part a (session 26, pre-registered before they were built)
SESSION26C = ("inception_resnet_v2_299", "selecsls42b_224", "vovnet39_224",
              "hardnet39ds_224")
#: held-out families XXVI, part b (session 26, pre-registered before they were built)
SESSION26D = ("enet_512", "pp_liteseg_t_1024x512", "lw_openpose_368",
              "simplebaseline_r18_256x192")
#: held-out families XXVI, part c (session 26, pre-registered before they were built)
SESSION26E = ("retinanet_r50_fpn_512", "yolo_fastest_1.1_320", "scrfd_500m_640",
              "ultraface_rfb_320x240")
#: held-out families XXVI, part d (session 26, pre-registered before they were built)
SESSION26F = ("tc_resnet8_98x40", "matchboxnet_3x1x64", "res15_kws_101x40",
              "ad_autoencoder_640")
#: held-out families XXVII, part a (session 26, pre-registered before they were built)
SESSION26G = ("mobilenet_v1_0.25_96_vww", "resnet8_cifar", "lenet5_32",
              "tiny_conv_49x40")
#: held-out families XXVII, part b (session 26, pre-registered before they were built)
SESSION26H = ("magic_wand_128x3", "ecg_cnn_187", "fomo_mnv2_0.35_96",
              "cnn_trad_fpool3_98x40")
#: held-out families XXVIII, part a (session 27, pre-registered before they were built)
SESSION27A = ("low_latency_conv_49x40", "tiny_embedding_conv_49x40", "single_fc_49x40",
              "cnn_one_fstride4_32x40", "cnn_tpool2_32x40", "ei_kws_conv1d_50x13")
#: held-out families XXVIII, part b (session 27, pre-registered before they were built)
SESSION27B = ("lenet_300_100_784", "keras_mnist_convnet_28", "cifar10_quick_32",
              "keras_cifar10_cnn_32", "har_cnn1d_128x9", "keras_mnist_mlp_784")
#: held-out families XXIX, part a (session 27 addendum 2, pre-registered before they were built)
SESSION27C = ("res8_kws_101x40", "res8_narrow_kws_101x40", "tc_resnet14_98x40",
              "matchboxnet_3x2x64")
#: held-out families XXIX, part b (session 27 addendum 2, pre-registered before they
#: were built)
SESSION27D = ("hello_world_sine_1", "lenet1_28", "lenet4_32", "all_cnn_c_32",
              "keras_timeseries_fcn_500", "keras_mnist_autoencoder_784")
#: held-out families XXX, part a (session 28, pre-registered before they were built)
SESSION28A = ("bc_resnet1_40x101", "cnn_one_fpool3_32x40", "res15_narrow_kws_101x40",
              "tc_resnet8_1.5_98x40", "stm32_har_ign_24x3")

#: held-out families XXX, part b (session 28, pre-registered before they were built)
SESSION28B = ("caffe_lenet_mnist_28", "resnet20_cifar_32", "simard_mlp_800_784",
              "keras_vae_mnist_28", "tf_fashion_mlp_784")
#: held-out families XXXI, part a (session 28 addendum 1, pre-registered before they
#: were built)
SESSION28C = ("bc_resnet2_40x101", "bc_resnet3_40x101", "tenet6_101x40",
              "cnn_tstride2_32x40")

#: held-out families XXXI, part b (session 28 addendum 1, pre-registered before they
#: were built)
SESSION28D = ("mobilenet_v3_small_0.5_96", "mnasnet_a1_0.35_96", "se_resnet20_cifar_32",
              "squeezenet1.1_96")
#: held-out families XXXII, part a (session 29, pre-registered before they were built)
SESSION29A = ("wdcnn_2048", "m5_32000", "eegnet_8_2_64x128", "tcn_smnist_784")
#: held-out families XXXII, part b (session 29, pre-registered before they were built)
SESSION29B = ("espcn_x3_100x100", "densenet40_k12_cifar_32", "tinyissimo_yolo_88",
              "binarynet_vgg_cifar_32")
#: held-out families XXXIII, part a (session 29 addendum 2, pre-registered before they
#: were built)
SESSION29C = ("coucke_dilated_kws_182x20", "dilated_context_64x64x21",
              "ms_tcn_stage_512x2048", "hannun_ecg_resnet_256")
#: held-out families XXXIII, part b (session 29 addendum 2, pre-registered before they
#: were built)
SESSION29D = ("tinynet_e_106", "regnety_200mf_224", "etinynet_1.0_144",
              "mobilenet_v2_1.0_160")
#: held-out families XXXIV, part a (session 30, pre-registered before they were built)
SESSION30A = ("stacked_hourglass_1_256", "attention_unet_128", "lw_refinenet_mnv2_256",
              "dcgan_generator_64")
#: held-out families XXXIV, part b (session 30, pre-registered before they were built)
SESSION30B = ("dncnn_17_64x64", "fsrcnn_deconv_x2_64", "darts_v2_cifar_32",
              "squeezedet_384x1248")
#: held-out families XXXV, part a (session 30 addendum 2, pre-registered before they
#: were built)
SESSION30C = ("unet_orig_572", "portraitnet_224", "textcnn_kim_56x300", "yunet_320")
#: held-out families XXXV, part b (session 30 addendum 2, pre-registered before they
#: were built)
SESSION30D = ("pyramidnet110_a48_cifar_32", "fractalnet40_cifar_32",
              "liteseg_mnv2_360x640", "esnet_512x1024")
#: held-out families XXXVI, part a (session 31, pre-registered before they were built)
SESSION31A = ("pix2pix_unet_256", "context_encoder_128", "pointnet_cls_1024",
              "lapsrn_x4_64")
#: held-out families XXXVI, part b (session 31, pre-registered before they were built)
SESSION31B = ("srcnn_915_64x64", "vdsr_20_64x64", "overfeat_fast_231",
              "flownets_384x512")
#: held-out families XXXVII (session 31 addendum 2, pre-registered before they were
#: built)
SESSION31C = ("cnn_one_fstride8_32x40", "cnn_tstride4_32x40", "cnn_tstride8_32x40",
              "alexnet_owt_224")
#: held-out families XXXVIII (session 32, pre-registered before they were built)
SESSION32A = ("sngan_gen_cifar_32", "lsgan_gen_112", "infogan_gen_mnist_28",
              "srgan_disc_96", "zfnet_224", "m5_raw_32000")
#: held-out families XXXVIII, part b (session 32, addendum 1, pre-registered before
#: they were built)
SESSION32B = ("wav2letter_raw_16000", "wav2vec_enc_16000")
#: held-out families XXXIX (session 32, addendum 3, pre-registered before they were
#: built)
SESSION32C = ("rednet30_64", "vgg_m_224", "vgg_f_224", "char_cnn_large_1014")
#: held-out families XL, part A (session 33, pre-registered before they were built)
SESSION33A = ("vgg_s_224", "overfeat_accurate_221", "dcgan_gen_mnist_28",
              "acgan_gen_cifar_32")
#: held-out families XL, part b (session 33, pre-registered before they were built)
SESSION33B = ("conv_tasnet_enc_8000", "demucs_enc4_4096", "vdcnn9_1024",
              "preact_resnet18_cifar_32")
#: held-out families XLI, part a (session 33, addendum 2, pre-registered before they
#: were built)
SESSION33C = ("char_cnn_small_1014", "samplecnn_59049", "soundnet8_220500")
#: held-out families XLI, part b (session 33, addendum 2, pre-registered before they
#: were built)
SESSION33D = ("inceptiontime_1000", "resnet_ts_500", "quartznet5x5_64x256")
#: held-out families XLII, part E (session 33, addendum 3, pre-registered before they
#: were built)
SESSION33E = ("marblenet_3x2x64", "envnet_v2_66650", "abdoli_esc_16000")
#: held-out families XLII, part F (session 33, addendum 3, pre-registered before they
#: were built)
SESSION33F = ("resnet18_cifar_32", "vgg16_cifar_32", "nin_cifar_32")
#: held-out families XLIII, part G (session 33, addendum 5, pre-registered before they
#: were built)
SESSION33G = ("resnet32_cifar_32", "densenet_bc100_k12_cifar_32", "wrn28_10_cifar_32")
#: held-out families XLIII, part H (session 33, addendum 5, pre-registered before
#: they were built)
SESSION33H = ("resnext29_8x64d_cifar_32", "preact_resnet164_cifar_32")
#: held-out families XLIV, part A (session 34, addendum 1, pre-registered before
#: they were built)
SESSION34A = ("vggish_96x64", "panns_cnn6_1001x64", "mtcnn_onet_48")
#: held-out families XLIV, part B (session 34, addendum 1, pre-registered before they
#: were built)
SESSION34B = ("fastdepth_224", "cyclegan_gen_r6_128")
#: held-out families XLV, part C (session 34, addendum 2, pre-registered before they
#: were built)
SESSION34C = ("sphereface20_112x96", "arcface_iresnet18_112")
#: held-out families XLV, part D (session 34, addendum 2, pre-registered before they
#: were built)
SESSION34D = ("segan_gen_16384", "segnet_basic_360x480")
#: held-out families XLVI, part A (session 35, pre-registered before they were built)
SESSION35A = ("mini_xception_48", "dronet_200")
#: held-out families XLVI, part B (session 35, pre-registered before they were built)
SESSION35B = ("wave_unet_16384", "wavenet_2x10_4096")
#: held-out families XLVII, part C (session 35, addendum 2, pre-registered before it
#: was built)
SESSION35C = ("melgan_gen_32x80",)
#: held-out family XLVII, part D (session 35, addendum 2, pre-registered before it
#: was built)
SESSION35D = ("fc_densenet56_224",)
#: held-out families XLVIII, part A (session 36, pre-registered before they were
#: built)
SESSION36A = ("edsr_baseline_x2_64", "ffdnet_gray_128")
#: held-out families XLVIII, part B (session 36, pre-registered before they were built)
SESSION36B = ("superpoint_240x320", "csrnet_b_256")
#: held-out families XLVIII, part C (session 36, addendum 1, pre-registered before it
#: was built)
SESSION36C = ("srresnet_x4_32",)
#: held-out families XLIX, part D (session 36, addendum 3, pre-registered before it
#: was built)
SESSION36D = ("resnet_v2_50_224",)
#: held-out families XLIX, part E (session 36, addendum 3, pre-registered before it
#: was built)
SESSION36E = ("resunet_224",)
#: held-out families XLIX, part F (session 36, addendum 3, pre-registered before it
#: was built)
SESSION36F = ("utime_4096",)
#: held-out families L, part G (session 36, addendum 4, pre-registered before it
#: was built)
SESSION36G = ("rdn_x2_32",)
#: held-out families L, part H (session 36, addendum 4, pre-registered before it was
#: built)
SESSION36H = ("l3net_audio_257x199",)
#: held-out families L, part I (session 36, addendum 4, pre-registered before it was
#: built)
SESSION36I = ("simplenet_cifar_32",)
#: held-out families LI, part J (session 36, addendum 6, pre-registered before it was
#: built)
SESSION36J = ("preact_resnet34_224",)
#: held-out families LI, part K (session 36, addendum 6, pre-registered before it was
#: built)
SESSION36K = ("densenet161_224",)
#: held-out families LII, part A (session 37, pre-registered before it was built)
SESSION37A = ("attention56_224",)
#: held-out families LII, part B (session 37, pre-registered before it was built)
SESSION37B = ("revnet110_cifar_32",)
#: held-out families LII, part C (session 37, section 2, pre-registered before they
#: were built)
SESSION37C = ("drrn_b1u9_31", "memnet_m6r6_31")
#: held-out families LIII, part D (session 37, addendum 2, pre-registered before
#: they were built)
SESSION37D = ("ircnn_gray_128", "idn_x2_64")
#: held-out families LIII, part B (session 37, addendum 2, pre-registered before it
#: was built)
SESSION37E = ("faceboxes_512",)
#: held-out families LIV, part F (session 37, addendum 3, pre-registered before they
#: were built)
SESSION37F = ("tinysleepnet_cnn_3000", "deepsleepnet_cnn_3000")
#: held-out families LIV, part B (session 37, addendum 3, pre-registered before it
#: was built)
SESSION37G = ("chambon2018_2x3840",)
#: held-out families LV (session 37, addendum 6, pre-registered before they were
#: built)
SESSION37H = ("preact_resnet110_cifar_32", "revnet38_cifar_32")
#: held-out families LVI (session 37, addendum 7, pre-registered before they were
#: built)
SESSION37I = ("sbcnn_128", "fcn4_96x1366")
#: held-out families LVII (session 37, addendum 8, pre-registered before they were
#: built)
SESSION37J = ("tsception_28x512", "tsinalis2016_15000")
#: held-out families LVIII, part A (session 38, section 3, pre-registered before they
#: were built)
SESSION38A = ("envnet_24014", "piczak_esc_60x41")
#: held-out families LVIII, part B (session 38, pre-registered before it was built;
#: the pre-registered SampleCNN 3^9, ``samplecnn_59049``, is already in SESSION33C,
#: the same graph, and is not registered twice)
SESSION38B = ("ignatov_har_128",)
#: held-out families LVIII, part C (session 38, addendum 1, pre-registered before it
#: was built in the place of SampleCNN 3^9)
SESSION38C = ("m11_raw_32000",)
#: held-out families LIX (session 38, addendum 5, pre-registered before it was built
#: in the place of the dropped families LIX, DDRNet-23-slim and BiSeNetV2, both
#: already registered as ``ddrnet23_slim_1024x512`` and ``bisenetv2_1024x512``)
SESSION38F = ("swiftnet_rn18_512x1024",)
#: held-out families LX, part G (session 38, addendum 6, pre-registered before it was
#: built): Res26-narrow, a sibling of Res8-narrow and Res15-narrow
SESSION38G = ("res26_narrow_kws_101x40",)
#: held-out families LX, part H (session 38, addendum 6, pre-registered before it was
#: built): TC-ResNet14-1.5, a sibling of TC-ResNet8-1.5 and TC-ResNet14
SESSION38H = ("tc_resnet14_1.5_98x40",)
#: held-out families LXI, part I (session 38, addendum 7, pre-registered before it
#: was built): MobileNet-v2 0.75, a sibling of MobileNet-v2 1.0 at 160
SESSION38I = ("mobilenet_v2_0.75_224",)
#: held-out families LXI, part J (session 38, addendum 7, pre-registered before it
#: was built): MobileNet-v3-Large 0.75, a sibling of MobileNet-v3-Large
SESSION38J = ("mobilenet_v3_large_0.75_224",)
#: held-out families LXII, part A (session 39, section 2, pre-registered before it
#: was built): PAN x2
SESSION39A = ("pan_x2_64",)
#: held-out families LXII, part B (session 39, section 2, pre-registered before it
#: was built)
SESSION39B = ("acharya_mi_ecg_651",)
#: held-out families LXIII (session 39, addendum 5, pre-registered before it was
#: built): LR-ASPP MobileNetV3-Small, a sibling of LR-ASPP MobileNetV3-Large
SESSION39C = ("lraspp_mnv3_small_512",)
#: held-out families LXIV, part A (session 40, section 2, pre-registered before they
#: were built): Acharya et al.'s arrhythmia ECG and seizure EEG CNNs
SESSION40A = ("acharya_arrhythmia_ecg_260", "acharya_seizure_eeg_4097")
#: held-out families LXIV, part B (session 40, section 2, pre-registered before they
#: were built): Ronao and Cho's HAR convnet and Yildirim et al.'s arrhythmia CNN
SESSION40B = ("ronao_har_cnn_128x6", "yildirim_arrhythmia_ecg_3600")
#: held-out family LXV (session 40, addendum 1, pre-registered before it was built):
#: Strodthoff et al.'s xresnet1d50 on PTB-XL
SESSION40C = ("xresnet1d50_ptbxl_1000x12",)
#: held-out families LXVI, part A (session 40, addendum 2, pre-registered before they
#: were built): M18 and M34-res of Dai et al., siblings of M5 and M11
SESSION40D = ("m18_raw_32000", "m34res_raw_32000")
#: held-out families LXVI, part B (session 40, addendum 2, pre-registered before it
#: was built): Strodthoff et al.'s xresnet1d101 on PTB-XL, a sibling of xresnet1d50
SESSION40E = ("xresnet1d101_ptbxl_1000x12",)
#: held-out families LXVI, the VALID-stem variants (session 40, addendum 3, named after
#: Vela refused the PAD + stride-4 stem): M18 and M34-res without the PAD
SESSION40F = ("m18_valid_32000", "m34res_valid_32000")
#: held-out families LXVII (session 41, addendum 2, pre-registered before they were
#: built): three raw-waveform CNNs whose first conv has a stride above 3 and a fused
#: RELU (PANNs Wavegram front end, WaveMsNet, Dieleman and Schrauwen's tagger)
SESSION41A = ("panns_wavegram_32000", "wavemsnet_44100", "dieleman_e2e_48000")
#: held-out families LXVIII (session 41, addendum 4, pre-registered before they were
#: built): M5 and M3 of Dai et al. with a VALID stride-4 stem on 32,000 samples,
#: siblings of the read M18 / M34-res (said openly)
SESSION41B = ("m5_valid_32000", "m3_valid_32000")
#: held-out families LXIX, part A (session 42, section 4, pre-registered before they
#: were built): the WaveGAN discriminator and Ribeiro et al.'s 12-lead ECG ResNet
SESSION42A = ("wavegan_disc_16384", "ribeiro_ecg_resnet_4096")
#: held-out families LXIX, part B (session 42, section 4, pre-registered before they
#: were built): Perol et al.'s ConvNetQuake and Ross et al.'s Generalized Phase
#: Detection, seismic 1-D CNNs on three-component waveforms
SESSION42B = ("convnetquake_1000x3", "gpd_400x3")
#: held-out families LXIX, part C (session 42, addendum 1, pre-registered before they
#: were built): the WaveGAN discriminator with VALID convs (ours, a sibling of the
#: unscored part-A model) and Trockman and Kolter's ConvMixer-768/32
SESSION42C = ("wavegan_disc_valid_16384", "convmixer_768_32_224")
#: held-out families LXX, part A (session 43, section 4, pre-registered before they
#: were built): Plakal and Ellis's YAMNet and Snyder et al.'s x-vector TDNN, audio
#: networks on a log-mel patch and on MFCC frames
SESSION43A = ("yamnet_96x64", "xvector_tdnn_200x30")
#: held-out families LXX, part B (session 43, section 4, pre-registered before they
#: were built): Pons and Serra's musicnn (MTT music tagger) and Redmon's Darknet
#: Reference Model (ImageNet)
SESSION43B = ("musicnn_mtt_187x96", "darknet_ref_224")
#: held-out families LXX, part C (session 43, section 4, pre-registered before they
#: were built): Redmon's Tiny Darknet and Zhang et al.'s multi-column crowd counter
#: MCNN
SESSION43C = ("tiny_darknet_224", "mcnn_crowd_384x512")
#: held-out families LXXI, part A (session 43, addendum 3, pre-registered before they
#: were built): Dong et al.'s ARCNN and Kang et al.'s CNNIQA, gray-image networks
#: whose first layer is a large-kernel stride-1 conv on one channel
SESSION43D = ("arcnn_gray_256", "cnniqa_32")
#: held-out families LXXI, part B (session 43, addendum 3, pre-registered before they
#: were built): Xu, Wu and Shi's steganalysis CNN (Xu-Net) and Schlueter and Boeck's
#: onset detection CNN
SESSION43E = ("xu_net_256", "schluter_onset_15x80x3")
#: held-out families LXXII (session 43, addendum 6, pre-registered before they were
#: built): Boroumand, Chen and Fridrich's SRNet and Yedroudj, Comby and Chaumont's
#: Yedroudj-Net, steganalysis CNNs (siblings of Xu-Net)
SESSION43F = ("srnet_256", "yedroudj_net_256")
#: held-out families LXXIII, part A (session 44, section 4, pre-registered before they
#: were built): Alipanahi et al.'s DeepBind, Zhou and Troyanskaya's DeepSEA and Kelley
#: et al.'s Basset, genomics CNNs on one-hot DNA
SESSION44A = ("deepbind_101x4", "deepsea_1000x4", "basset_600x4")
#: held-out families LXXIII, part b (session 44, section 4, pre-registered before they
#: were built): Nagrani, Chung and Zisserman's VoxCeleb VGG-M and Johnson and Zhang's
#: DPCNN
SESSION44B = ("voxceleb_vggm_512x300", "dpcnn_256x300")
#: held-out families LXXIV, part a (session 44, addendum 2, pre-registered before
#: they were built): Tan and Le's EfficientNet-B1 and Han et al.'s TinyNet-A, scalings
#: of EfficientNet-B0 with swish and squeeze-excite
SESSION44C = ("efficientnet_b1_240", "tinynet_a_192")
#: held-out families LXXIV, part b (session 44, addendum 2, pre-registered before
#: they were built): Ultralytics YOLOv5s (v6.0) at 320 and Tan and Le's MixNet-M,
#: swish networks, siblings of YOLOv5n and MixNet-S at unseen sizes
SESSION44D = ("yolov5s_320", "mixnet_m_224")
#: held-out families LXXV (session 44, addendum 3, pre-registered before they were
#: built): Zhou et al.'s ExPecto "Beluga" DeepSEA and de Almeida et al.'s DeepSTARR,
#: genomics CNNs on one-hot DNA with large fully connected layers, siblings of DeepSEA
SESSION44E = ("deepsea_beluga_2000x4", "deepstarr_249x4")
#: held-out families LXXVI (session 44, addendum 5, pre-registered before they were
#: built): Angermueller et al.'s DeepCpG DNA module and Agarwal and Shendure's
#: Xpresso, genomics CNNs on one-hot DNA whose max pools stride by more than 3 and
#: feed a convolution
SESSION44F = ("deepcpg_dna_1001x4", "xpresso_10500x4")
#: every model :func:`_builder_net` builds (a new family's tuple is added here, once)
BUILDER_MODELS = (SESSION17 + SESSION18 + SESSION19 + SESSION19B + SESSION19C + SESSION20
                  + SESSION20B + SESSION20C + SESSION21 + SESSION21B + SESSION22
                  + SESSION22B + SESSION22C + SESSION22D + SESSION22E + SESSION22F
                  + SESSION23 + SESSION23B + SESSION23C + SESSION24
                  + SESSION24B + SESSION25 + SESSION25B
                  + SESSION25C
                  + SESSION25D
                  + SESSION26
                  + SESSION26B
                  + SESSION26C
                  + SESSION26D
                  + SESSION26E
                  + SESSION26F
                  + SESSION26G
                  + SESSION26H
                  + SESSION27A
                  + SESSION27B
                  + SESSION27C
                  + SESSION27D
                  + SESSION28A
                  + SESSION28B
                  + SESSION28C
                  + SESSION28D
                  + SESSION29A
                  + SESSION29B
                  + SESSION29C
                  + SESSION29D
                  + SESSION30A
                  + SESSION30B
                  + SESSION30C
                  + SESSION30D
                  + SESSION31A
                  + SESSION31B
                  + SESSION31C
                  + SESSION32A
                  + SESSION32B
                  + SESSION32C
                  + SESSION33A
                  + SESSION33B
                  + SESSION33C
                  + SESSION33D
                  + SESSION33E
                  + SESSION33F
                  + SESSION33G
                  + SESSION33H
                  + SESSION34A
                  + SESSION34B
                  + SESSION34C
                  + SESSION34D
                  + SESSION35A
                  + SESSION35B
                  + SESSION35C
                  + SESSION35D
                  + SESSION36A + SESSION36B + SESSION36C
                  + SESSION36D
                  + SESSION36E
                  + SESSION36F
                  + SESSION36G
                  + SESSION36H
                  + SESSION36I
                  + SESSION36J
                  + SESSION36K
                  + SESSION37A
                  + SESSION37B
                  + SESSION37C
                  + SESSION37D
                  + SESSION37E
                  + SESSION37F
                  + SESSION37G
                  + SESSION37H
                  + SESSION37I
                  + SESSION37J
                  + SESSION38A
                  + SESSION38B
                  + SESSION38C
                  + SESSION38F
                  + SESSION38G
                  + SESSION38H
                  + SESSION38I
                  + SESSION38J
                  + SESSION39A
                  + SESSION39B
                  + SESSION39C
                  + SESSION40A
                  + SESSION40B
                  + SESSION40C
                  + SESSION40D
                  + SESSION40E
                  + SESSION40F
                  + SESSION41A
                  + SESSION41B
                  + SESSION42A
                  + SESSION42B
                  + SESSION42C
                  + SESSION43A
                  + SESSION43B
                  + SESSION43C
                  + SESSION43D
                  + SESSION43E
                  + SESSION43F
                  + SESSION44A
                  + SESSION44B
                  + SESSION44C
                  + SESSION44D
                  + SESSION44E
                  + SESSION44F)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    """Which models to build (keys of :data:`MODELS`) and the weight seed."""

    models: tuple[str, ...] = tuple(MODELS)
    seed: int = 0

    @staticmethod
    def smoke() -> Config:
        return Config(models=("micronet_kws_s", "sesr_m3_x2_64"))

    @staticmethod
    def default() -> Config:
        return Config()


def _micronet(name: str, seed: int) -> bytes:
    import jax

    from jaxeff.nets.micronets import MICRONETS, micronet
    from jaxeff.nets.micronets_export import export_int8

    spec = MICRONETS[name]
    x = np.random.default_rng(seed).standard_normal(
        (4, *spec.input_hw, spec.in_channels)).astype(np.float32)
    variables = micronet(name).init(jax.random.key(seed), x[:1], train=False)
    return export_int8(spec, variables, x)


def _builder_net(name: str, seed: int) -> bytes:
    """A session-17 ... 26 model (:data:`SESSION17`, :data:`SESSION18`,
    :data:`SESSION19`, :data:`SESSION19B`, :data:`SESSION19C`, :data:`SESSION20`,
    :data:`SESSION20B`, :data:`SESSION20C`, :data:`SESSION21`, :data:`SESSION21B`,
    :data:`SESSION22`, :data:`SESSION22B`, :data:`SESSION22C`, :data:`SESSION22D`,
    :data:`SESSION22E`, :data:`SESSION22F`, :data:`SESSION23`, :data:`SESSION23B`,
    :data:`SESSION23C`, :data:`SESSION24`, :data:`SESSION24B`,
    :data:`SESSION25`, :data:`SESSION25B`,
    :data:`SESSION25C`, :data:`SESSION25D`,
    :data:`SESSION26`, :data:`SESSION26B`,
    :data:`SESSION26C`, :data:`SESSION26D`, :data:`SESSION26E`,
    :data:`SESSION26F`,
    :data:`SESSION26G`, :data:`SESSION26H`,
    :data:`SESSION27A`, :data:`SESSION27B`, :data:`SESSION27C`,
    :data:`SESSION27D`,
    :data:`SESSION28A`, :data:`SESSION28B`,
    :data:`SESSION28C`, :data:`SESSION28D`,
    :data:`SESSION29A`, :data:`SESSION29B`, :data:`SESSION29C`,
    :data:`SESSION29D`,
    :data:`SESSION30A`, :data:`SESSION30B`, :data:`SESSION30C`,
    :data:`SESSION30D`,
    :data:`SESSION31A`, :data:`SESSION31B`,
    :data:`SESSION31C`,
    :data:`SESSION32A`, :data:`SESSION32B`,
    :data:`SESSION32C`,
    :data:`SESSION33A`, :data:`SESSION33B`,
    :data:`SESSION33C`, :data:`SESSION33D`,
    :data:`SESSION33E`, :data:`SESSION33F`,
    :data:`SESSION33G`, :data:`SESSION33H`,
    :data:`SESSION34A`, :data:`SESSION34B`,
    :data:`SESSION34C`, :data:`SESSION34D`,
    :data:`SESSION35A`, :data:`SESSION35B`,
    :data:`SESSION35C`, :data:`SESSION35D`,
    :data:`SESSION36A`, :data:`SESSION36B`, :data:`SESSION36C`,
    :data:`SESSION36D`,
    :data:`SESSION36E`,
    :data:`SESSION36F`,
    :data:`SESSION36G`,
    :data:`SESSION36H`,
    :data:`SESSION36I`,
    :data:`SESSION36J`,
    :data:`SESSION36K`,
    :data:`SESSION37A`,
    :data:`SESSION37B`,
    :data:`SESSION37C`,
    :data:`SESSION37D`,
    :data:`SESSION37E`,
    :data:`SESSION37F`,
    :data:`SESSION37G`,
    :data:`SESSION37H`,
    :data:`SESSION37I`,
    :data:`SESSION37J`,
    :data:`SESSION38A`,
    :data:`SESSION38B`,
    :data:`SESSION38C`,
    :data:`SESSION38F`,
    :data:`SESSION38G`,
    :data:`SESSION38H`,
    :data:`SESSION38I`,
    :data:`SESSION38J`,
    :data:`SESSION39A`,
    :data:`SESSION39B`,
    :data:`SESSION39C`,
    :data:`SESSION40A`,
    :data:`SESSION40B`,
    :data:`SESSION40C`,
    :data:`SESSION40D`,
    :data:`SESSION40E`,
    :data:`SESSION40F`,
    :data:`SESSION41A`,
    :data:`SESSION41B`,
    :data:`SESSION42A`,
    :data:`SESSION42B`,
    :data:`SESSION42C`,
    :data:`SESSION43A`,
    :data:`SESSION43B`,
    :data:`SESSION43C`,
    :data:`SESSION43D`,
    :data:`SESSION43E`,
    :data:`SESSION43F`,
    :data:`SESSION44A`,
    :data:`SESSION44B`,
    :data:`SESSION44C`,
    :data:`SESSION44D`,
    :data:`SESSION44E`,
    :data:`SESSION44F`) built with the
    PerfSAGE builder, LiteRT-calibrated and written full-int8 (one range per
    CONCATENATION, as the ``shuffle`` space); a builder returning a tuple (the two
    heads of Tiny-YOLOv3 and YOLOv4-tiny, the boxes and scores of SSDLite, SSD and
    BlazeFace, SCRFD, UltraFace and FaceBoxes, the heatmaps and PAFs of Lightweight
    OpenPose, the two heads of YOLO-Fastest, the two masked outputs of Conv-TasNet,
    the steering and collision outputs of DroNet, the heatmap and descriptors of
    SuperPoint) gives a graph with that many outputs (three for YOLOv5n, RetinaFace,
    YOLOv8n, YOLOX-Nano, YOLOv7-tiny, NanoDet-m, CenterNet and MTCNN O-Net, four for
    PP-PicoDet-S, ten for EfficientDet-D0 and RetinaNet, twelve for YuNet)."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.int8 import calibrate, quantize_int8
    from jaxeff.gnn.heldout_nets import (
        alexnet,
        bn_inception,
        darknet19,
        deeplabv3_mobilenet_v2,
        densenet121,
        densenet169,
        efficientnet_b0,
        erfnet,
        fbnet_a,
        ghostnet,
        googlenet,
        hardnet68,
        inception_v3,
        inception_v4,
        linknet,
        mixnet_s,
        mnasnet_a1,
        mnasnet_b1,
        mobilefacenet,
        mobilenet_v1,
        mobilenet_v2,
        mobilenet_v3,
        peleenet,
        pilotnet,
        proxylessnas_mobile,
        resnet18,
        resnet34,
        resnet50,
        squeezenet10,
        squeezenet11,
        ssd_mobilenet_v1,
        ssdlite_mobilenet_v2,
        tiny_yolov2,
        tiny_yolov3,
        unet,
        vgg11_cifar,
        wide_resnet_cifar,
        xception,
        yolov4_tiny,
    )
    from jaxeff.gnn.spaces_shuffle import shufflenet_v2
    from jaxeff.tflite.writer import write_tflite

    b = NetBuilder(np.random.default_rng(seed), name, share_consts=True)
    imagenet = (1, 224, 224, 3)  # 1000 classes
    nets = {"squeezenet_1.1_224": (squeezenet11, imagenet),
            "googlenet_224": (googlenet, imagenet),
            "mobilenet_v3_small_224": (lambda b, x: mobilenet_v3(b, x, "small"), imagenet),
            "mobilenet_v3_large_224": (lambda b, x: mobilenet_v3(b, x, "large"), imagenet),
            "densenet121_224": (densenet121, imagenet), "resnet18_224": (resnet18, imagenet),
            "resnet50_224": (resnet50, imagenet),
            "efficientnet_b0_224": (efficientnet_b0, imagenet),
            "mobilenet_v1_1.0_224": (mobilenet_v1, imagenet),
            "ghostnet_1.0_224": (ghostnet, imagenet), "mnasnet_a1_224": (mnasnet_a1, imagenet),
            "vgg11_cifar": (vgg11_cifar, (1, 32, 32, 3)),
            "tiny_yolov2_416": (tiny_yolov2, (1, 416, 416, 3)),
            "tiny_yolov3_416": (tiny_yolov3, (1, 416, 416, 3)),
            "inception_v3_299": (inception_v3, (1, 299, 299, 3)),
            "pilotnet_66x200": (pilotnet, (1, 66, 200, 3)),
            "xception_299": (xception, (1, 299, 299, 3)),
            "resnet34_224": (resnet34, imagenet),
            "mobilenet_v2_1.4_224": (lambda b, x: mobilenet_v2(b, x, 1.4), imagenet),
            "squeezenet_1.0_224": (squeezenet10, imagenet),
            "darknet19_224": (darknet19, imagenet),
            "peleenet_224": (peleenet, imagenet),
            "bn_inception_224": (bn_inception, imagenet),
            "densenet169_224": (densenet169, imagenet),
            "unet_128": (unet, (1, 128, 128, 1)),  # builder, input shape
            "hardnet68_224": (hardnet68, imagenet),
            "yolov4_tiny_416": (yolov4_tiny, (1, 416, 416, 3)),
            "inception_v4_299": (inception_v4, (1, 299, 299, 3)),
            "ghostnet_1.3_224": (lambda b, x: ghostnet(b, x, 1.3), imagenet),
            "deeplabv3_mnv2_513": (deeplabv3_mobilenet_v2, (1, 513, 513, 3)),
            "erfnet_512x256": (erfnet, (1, 256, 512, 3)),
            "ssdlite_mnv2_320": (ssdlite_mobilenet_v2, (1, 320, 320, 3)),
            "mobilefacenet_112": (mobilefacenet, (1, 112, 112, 3)),
            "mnasnet_b1_224": (mnasnet_b1, imagenet),
            "linknet_512x256": (linknet, (1, 256, 512, 3)),
            "wrn16_4_cifar": (wide_resnet_cifar, (1, 32, 32, 3)),
            "ssd300_mnv1": (ssd_mobilenet_v1, (1, 300, 300, 3)),
            # held-out families XII (session 22)
            "proxylessnas_mobile_224": (proxylessnas_mobile, imagenet),
            "mixnet_s_224": (mixnet_s, imagenet), "fbnet_a_224": (fbnet_a, imagenet),
            "alexnet_224": (alexnet, imagenet)}
    # held-out families XI (session 22): segmentation nets on Cityscapes-shaped input
    from jaxeff.gnn.heldout_nets import cgnet, dabnet, edanet, espnet

    city = (1, 256, 512, 3)
    nets |= {"espnet_512x256": (espnet, city), "cgnet_m3n21_512x256": (cgnet, city),
             "edanet_512x256": (edanet, city), "dabnet_512x256": (dabnet, city)}
    # held-out families XIII (session 22)
    from jaxeff.gnn.heldout_nets import (deeplabv3plus_mobilenet_v2, drn_c_26,
                                         fast_scnn, lednet)

    nets |= {"deeplabv3plus_mnv2_513": (deeplabv3plus_mobilenet_v2, (1, 513, 513, 3)),
             "drn_c_26_224": (drn_c_26, imagenet), "lednet_512x256": (lednet, city),
             "fast_scnn_1024x512": (fast_scnn, (1, 512, 1024, 3))}
    # held-out families XIV (session 22)
    from jaxeff.gnn.heldout_nets import (efficientnet_lite2, mobilenet_v2_035,
                                         squeezenext23, vgg16)

    nets |= {"vgg16_224": (vgg16, imagenet),
             "squeezenext23_227": (squeezenext23, (1, 227, 227, 3)),
             "efficientnet_lite2_260": (efficientnet_lite2, (1, 260, 260, 3)),
             "mobilenet_v2_0.35_96": (mobilenet_v2_035, (1, 96, 96, 3))}
    # held-out families XV (session 22)
    from jaxeff.gnn.heldout_nets import (bisenet_resnet18, contextnet14, fcn8s_vgg16,
                                         pspnet_mobilenet_v2)

    nets |= {"bisenet_r18_512x256": (bisenet_resnet18, city),
             "contextnet14_1024x512": (contextnet14, (1, 512, 1024, 3)),
             "pspnet_mnv2_512": (pspnet_mobilenet_v2, (1, 512, 512, 3)),
             "fcn8s_vgg16_256": (fcn8s_vgg16, (1, 256, 256, 3))}
    # held-out families XVI (session 22)
    from jaxeff.gnn.heldout_nets import (darknet53, mobilenet_v1_050_160, resnet101,
                                         shufflenet_v1)

    nets |= {"resnet101_224": (resnet101, imagenet),
             "mobilenet_v1_0.5_160": (mobilenet_v1_050_160, (1, 160, 160, 3)),
             "darknet53_256": (darknet53, (1, 256, 256, 3)),
             "shufflenet_v1_g3_224": (shufflenet_v1, imagenet)}
    # held-out families XVII (session 23)
    from jaxeff.gnn.heldout_nets import (retinaface_mnet025, unetpp, vovnet27_slim,
                                         yolov5n)

    nets |= {"vovnet27_slim_224": (vovnet27_slim, imagenet),
             "yolov5n_320": (yolov5n, (1, 320, 320, 3)),
             "unetpp_128": (unetpp, (1, 128, 128, 3)),
             "retinaface_mnet025_320": (retinaface_mnet025, (1, 320, 320, 3))}
    # held-out families XVIII (session 23)
    from jaxeff.gnn.heldout_nets import (efficientnet_edgetpu_s, nin, se_resnet50,
                                         spnasnet100)

    nets |= {"se_resnet50_224": (se_resnet50, imagenet), "nin_224": (nin, imagenet),
             "spnasnet100_224": (spnasnet100, imagenet),
             "efficientnet_edgetpu_s_224": (efficientnet_edgetpu_s, imagenet)}
    # held-out families XIX (session 23, addendum 3)
    from jaxeff.gnn.heldout_nets import (efficientnetv2_b0, mobileone_s0, yolov8n,
                                         yolox_nano)

    nets |= {"yolov8n_320": (yolov8n, (1, 320, 320, 3)),
             "yolox_nano_416": (yolox_nano, (1, 416, 416, 3)),
             "efficientnetv2_b0_224": (efficientnetv2_b0, imagenet),
             "mobileone_s0_224": (mobileone_s0, imagenet)}
    # held-out families XX (session 24)
    from jaxeff.gnn.heldout_nets_xx import dla34, nanodet_m, pp_picodet_s, yolov7_tiny

    nets |= {"yolov7_tiny_416": (yolov7_tiny, (1, 416, 416, 3)),
             "nanodet_m_320": (nanodet_m, (1, 320, 320, 3)),
             "dla34_224": (dla34, imagenet),
             "pp_picodet_s_320": (pp_picodet_s, (1, 320, 320, 3))}
    # held-out families XXI (session 24)
    from jaxeff.gnn.heldout_nets_xxi import (ghostnetv2, hrnet_w18_small,
                                             mobilenetv4_conv_small, pp_lcnet)

    nets |= {"pp_lcnet_1.0_224": (pp_lcnet, imagenet),
             "mobilenetv4_conv_small_224": (mobilenetv4_conv_small, imagenet),
             "ghostnetv2_1.0_224": (ghostnetv2, imagenet),
             "hrnet_w18_small_224": (hrnet_w18_small, imagenet)}
    # held-out families XXII (session 25)
    from jaxeff.gnn.heldout_nets_xxii import (igcv3_d, lite_hrnet18, shuffleseg,
                                              snet146_cem)

    nets |= {"snet146_320": (snet146_cem, (1, 320, 320, 3)),
             "lite_hrnet18_256x192": (lite_hrnet18, (1, 256, 192, 3)),
             "igcv3_d_1.0_224": (igcv3_d, imagenet),
             "shuffleseg_512x256": (shuffleseg, city)}
    # held-out families XXIII (session 25)
    from jaxeff.gnn.heldout_nets_xxiii import mobilenext, repghostnet, repvgg_a0, rexnet

    nets |= {"repvgg_a0_224": (repvgg_a0, imagenet),
             "mobilenext_1.0_224": (mobilenext, imagenet),
             "repghostnet_1.0_224": (repghostnet, imagenet),
             "rexnet_1.0_224": (rexnet, imagenet)}
    # held-out families XXIV, first half (session 25)
    from jaxeff.gnn.heldout_nets_xxiv import (blazeface, espnetv2, regnetx_200mf,
                                              res2net50_26w4s)

    nets |= {"res2net50_26w4s_224": (res2net50_26w4s, imagenet),
             "regnetx_200mf_224": (regnetx_200mf, imagenet),
             "espnetv2_1.0_224": (espnetv2, imagenet),
             "blazeface_128": (blazeface, (1, 128, 128, 3))}
    # held-out families XXIV, second half (session 25)
    from jaxeff.gnn.heldout_nets_xxiv_b import (centernet_r18, ddrnet23_slim,
                                                efficientdet_d0, lraspp_mnv3_large)

    nets |= {"centernet_r18_512": (centernet_r18, (1, 512, 512, 3)),
             "ddrnet23_slim_1024x512": (ddrnet23_slim, (1, 512, 1024, 3)),
             "lraspp_mnv3_large_512": (lraspp_mnv3_large, (1, 512, 512, 3)),
             "efficientdet_d0_512": (efficientdet_d0, (1, 512, 512, 3))}
    # held-out families XXV, first half (session 26)
    from jaxeff.gnn.heldout_nets_xxv import (dpn68, nasnet_a_mobile, pfld,
                                             resnext50_32x4d)

    nets |= {"resnext50_32x4d_224": (resnext50_32x4d, imagenet),
             "nasnet_a_mobile_224": (nasnet_a_mobile, imagenet),
             "dpn68_224": (dpn68, imagenet),
             "pfld_0.25_112": (pfld, (1, 112, 112, 3))}
    # held-out families XXV, second half (session 26)
    from jaxeff.gnn.heldout_nets_xxv_b import bisenetv2, carn_m, stdc1_seg, u2netp

    nets |= {"bisenetv2_1024x512": (bisenetv2, (1, 512, 1024, 3)),
             "stdc1_seg_1024x512": (stdc1_seg, (1, 512, 1024, 3)),
             "u2netp_320": (u2netp, (1, 320, 320, 3)),
             "carn_m_x2_64": (carn_m, (1, 64, 64, 3))}
    # held-out families XXVI, part a (session 26)
    from jaxeff.gnn.heldout_nets_xxvi import (hardnet39ds, inception_resnet_v2,
                                              selecsls42b, vovnet39)

    nets |= {"inception_resnet_v2_299": (inception_resnet_v2, (1, 299, 299, 3)),
             "selecsls42b_224": (selecsls42b, imagenet),
             "vovnet39_224": (vovnet39, imagenet),
             "hardnet39ds_224": (hardnet39ds, imagenet)}
    # held-out families XXVI, part b (session 26)
    from jaxeff.gnn.heldout_nets_xxvi_b import (enet, lw_openpose, pp_liteseg_t,
                                                simplebaseline)

    nets |= {"enet_512": (enet, (1, 512, 512, 3)),
             "pp_liteseg_t_1024x512": (pp_liteseg_t, (1, 512, 1024, 3)),
             "lw_openpose_368": (lw_openpose, (1, 368, 368, 3)),
             "simplebaseline_r18_256x192": (simplebaseline, (1, 256, 192, 3))}
    # held-out families XXVI, part c (session 26)
    from jaxeff.gnn.heldout_nets_xxvi_c import (retinanet_r50_fpn, scrfd_500m,
                                                ultraface_rfb_320, yolo_fastest_11)

    nets |= {"retinanet_r50_fpn_512": (retinanet_r50_fpn, (1, 512, 512, 3)),
             "yolo_fastest_1.1_320": (yolo_fastest_11, (1, 320, 320, 3)),
             "scrfd_500m_640": (scrfd_500m, (1, 640, 640, 3)),
             "ultraface_rfb_320x240": (ultraface_rfb_320, (1, 240, 320, 3))}
    # held-out families XXVI, part d (session 26)
    from jaxeff.gnn.heldout_nets_xxvi_d import (ad_autoencoder, matchboxnet_3x1x64,
                                                res15_kws, tc_resnet8)

    nets |= {"tc_resnet8_98x40": (tc_resnet8, (1, 1, 98, 40)),
             "matchboxnet_3x1x64": (matchboxnet_3x1x64, (1, 1, 128, 64)),
             "res15_kws_101x40": (res15_kws, (1, 101, 40, 1)),
             "ad_autoencoder_640": (ad_autoencoder, (1, 640))}
    # held-out families XXVII, part a (session 26)
    from jaxeff.gnn.heldout_nets_xxvii import (lenet5, mobilenet_v1_025_96_vww,
                                               resnet8_cifar, tiny_conv)

    nets |= {"mobilenet_v1_0.25_96_vww": (mobilenet_v1_025_96_vww, (1, 96, 96, 3)),
             "resnet8_cifar": (resnet8_cifar, (1, 32, 32, 3)),
             "lenet5_32": (lenet5, (1, 32, 32, 1)),
             "tiny_conv_49x40": (tiny_conv, (1, 49, 40, 1))}
    # held-out families XXVII, part b (session 26)
    from jaxeff.gnn.heldout_nets_xxvii_b import (cnn_trad_fpool3, ecg_cnn, fomo_mnv2,
                                                 magic_wand)

    nets |= {"magic_wand_128x3": (magic_wand, (1, 128, 3, 1)),
             "ecg_cnn_187": (ecg_cnn, (1, 1, 187, 1)),
             "fomo_mnv2_0.35_96": (fomo_mnv2, (1, 96, 96, 3)),
             "cnn_trad_fpool3_98x40": (cnn_trad_fpool3, (1, 98, 40, 1))}
    # held-out families XXVIII, part a (session 27)
    from jaxeff.gnn.heldout_nets_xxviii import (cnn_one_fstride4, cnn_tpool2,
                                                ei_kws_conv1d, low_latency_conv,
                                                single_fc, tiny_embedding_conv)

    nets |= {"low_latency_conv_49x40": (low_latency_conv, (1, 49, 40, 1)),
             "tiny_embedding_conv_49x40": (tiny_embedding_conv, (1, 49, 40, 1)),
             "single_fc_49x40": (single_fc, (1, 1960)),
             "cnn_one_fstride4_32x40": (cnn_one_fstride4, (1, 32, 40, 1)),
             "cnn_tpool2_32x40": (cnn_tpool2, (1, 32, 40, 1)),
             "ei_kws_conv1d_50x13": (ei_kws_conv1d, (1, 650))}
    # held-out families XXVIII, part b (session 27)
    from jaxeff.gnn.heldout_nets_xxviii_b import (cifar10_quick, har_cnn1d,
                                                  keras_cifar10_cnn,
                                                  keras_mnist_convnet,
                                                  keras_mnist_mlp, lenet_300_100)

    nets |= {"lenet_300_100_784": (lenet_300_100, (1, 784)),
             "keras_mnist_convnet_28": (keras_mnist_convnet, (1, 28, 28, 1)),
             "cifar10_quick_32": (cifar10_quick, (1, 32, 32, 3)),
             "keras_cifar10_cnn_32": (keras_cifar10_cnn, (1, 32, 32, 3)),
             "har_cnn1d_128x9": (har_cnn1d, (1, 1, 128, 9)),
             "keras_mnist_mlp_784": (keras_mnist_mlp, (1, 784))}
    # held-out families XXIX, part a (session 27 addendum 2)
    from jaxeff.gnn.heldout_nets_xxix import (matchboxnet_3x2x64, res8_kws,
                                              res8_narrow_kws, tc_resnet14)

    nets |= {"res8_kws_101x40": (res8_kws, (1, 101, 40, 1)),
             "res8_narrow_kws_101x40": (res8_narrow_kws, (1, 101, 40, 1)),
             "tc_resnet14_98x40": (tc_resnet14, (1, 1, 98, 40)),
             "matchboxnet_3x2x64": (matchboxnet_3x2x64, (1, 1, 128, 64))}
    # held-out families XXIX, part b (session 27 addendum 2)
    from jaxeff.gnn.heldout_nets_xxix_b import (all_cnn_c, hello_world_sine,
                                                keras_mnist_autoencoder,
                                                keras_timeseries_fcn, lenet1, lenet4)

    nets |= {"hello_world_sine_1": (hello_world_sine, (1, 1)),
             "lenet1_28": (lenet1, (1, 28, 28, 1)),
             "lenet4_32": (lenet4, (1, 32, 32, 1)),
             "all_cnn_c_32": (all_cnn_c, (1, 32, 32, 3)),
             "keras_timeseries_fcn_500": (keras_timeseries_fcn, (1, 1, 500, 1)),
             "keras_mnist_autoencoder_784": (keras_mnist_autoencoder, (1, 784))}
    # held-out families XXX, part a (session 28)
    from jaxeff.gnn.heldout_nets_xxx import (bc_resnet1, cnn_one_fpool3,
                                             res15_narrow_kws, stm32_har_ign,
                                             tc_resnet8_15)

    nets |= {"bc_resnet1_40x101": (bc_resnet1, (1, 40, 101, 1)),
             "cnn_one_fpool3_32x40": (cnn_one_fpool3, (1, 32, 40, 1)),
             "res15_narrow_kws_101x40": (res15_narrow_kws, (1, 101, 40, 1)),
             "tc_resnet8_1.5_98x40": (tc_resnet8_15, (1, 1, 98, 40)),
             "stm32_har_ign_24x3": (stm32_har_ign, (1, 24, 3, 1))}

    # held-out families XXX, part b (session 28)
    from jaxeff.gnn.heldout_nets_xxx_b import (caffe_lenet_mnist, keras_vae_mnist,
                                               resnet20_cifar_a, simard_mlp_800,
                                               tf_fashion_mlp)

    nets |= {"caffe_lenet_mnist_28": (caffe_lenet_mnist, (1, 28, 28, 1)),
             "resnet20_cifar_32": (resnet20_cifar_a, (1, 32, 32, 3)),
             "simard_mlp_800_784": (simard_mlp_800, (1, 784)),
             "keras_vae_mnist_28": (keras_vae_mnist, (1, 28, 28, 1)),
             "tf_fashion_mlp_784": (tf_fashion_mlp, (1, 28, 28))}

    # held-out families XXXI, part a (session 28 addendum 1)
    from jaxeff.gnn.heldout_nets_xxxi import (bc_resnet2, bc_resnet3, cnn_tstride2,
                                              tenet6)

    nets |= {"bc_resnet2_40x101": (bc_resnet2, (1, 40, 101, 1)),
             "bc_resnet3_40x101": (bc_resnet3, (1, 40, 101, 1)),
             "tenet6_101x40": (tenet6, (1, 101, 1, 40)),
             "cnn_tstride2_32x40": (cnn_tstride2, (1, 32, 40, 1))}
    # held-out families XXXI, part b (session 28 addendum 1)
    from jaxeff.gnn.heldout_nets_xxxi_b import (mnasnet_a1_035, mobilenet_v3_small_050,
                                                se_resnet20_cifar, squeezenet11_96)

    nets |= {"mobilenet_v3_small_0.5_96": (mobilenet_v3_small_050, (1, 96, 96, 3)),
             "mnasnet_a1_0.35_96": (mnasnet_a1_035, (1, 96, 96, 3)),
             "se_resnet20_cifar_32": (se_resnet20_cifar, (1, 32, 32, 3)),
             "squeezenet1.1_96": (squeezenet11_96, (1, 96, 96, 3))}
    # held-out families XXXII, part a (session 29)
    from jaxeff.gnn.heldout_nets_xxxii import eegnet_8_2, m5, tcn_smnist, wdcnn

    nets |= {"wdcnn_2048": (wdcnn, (1, 2048, 1, 1)),
             "m5_32000": (m5, (1, 32000, 1, 1)),
             "eegnet_8_2_64x128": (eegnet_8_2, (1, 64, 128, 1)),
             "tcn_smnist_784": (tcn_smnist, (1, 784, 1, 1))}
    # held-out families XXXII, part b (session 29)
    from jaxeff.gnn.heldout_nets_xxxii_b import (binarynet_vgg_cifar,
                                                 densenet40_k12_cifar, espcn_x3,
                                                 tinyissimo_yolo)

    nets |= {"espcn_x3_100x100": (espcn_x3, (1, 100, 100, 1)),
             "densenet40_k12_cifar_32": (densenet40_k12_cifar, (1, 32, 32, 3)),
             "tinyissimo_yolo_88": (tinyissimo_yolo, (1, 88, 88, 3)),
             "binarynet_vgg_cifar_32": (binarynet_vgg_cifar, (1, 32, 32, 3))}
    # held-out families XXXIII, part a (session 29 addendum 2)
    from jaxeff.gnn.heldout_nets_xxxiii import (coucke_dilated_kws, dilated_context,
                                                hannun_ecg_resnet, ms_tcn_stage)

    nets |= {"coucke_dilated_kws_182x20": (coucke_dilated_kws, (1, 182, 1, 20)),
             "dilated_context_64x64x21": (dilated_context, (1, 64, 64, 21)),
             "ms_tcn_stage_512x2048": (ms_tcn_stage, (1, 512, 1, 2048)),
             "hannun_ecg_resnet_256": (hannun_ecg_resnet, (1, 256, 1, 1))}
    # held-out families XXXIII, part b (session 29 addendum 2)
    from jaxeff.gnn.heldout_nets_xxxiii_b import (etinynet_10, mobilenet_v2_keras,
                                                  regnety_200mf, tinynet_e)

    nets |= {"tinynet_e_106": (tinynet_e, (1, 106, 106, 3)),
             "regnety_200mf_224": (regnety_200mf, imagenet),
             "etinynet_1.0_144": (etinynet_10, (1, 144, 144, 3)),
             "mobilenet_v2_1.0_160": (mobilenet_v2_keras, (1, 160, 160, 3))}
    # held-out families XXXIV, part a (session 30)
    from jaxeff.gnn.heldout_nets_xxxiv import (attention_unet, dcgan_generator,
                                               lw_refinenet_mnv2, stacked_hourglass)

    nets |= {"stacked_hourglass_1_256": (stacked_hourglass, (1, 256, 256, 3)),
             "attention_unet_128": (attention_unet, (1, 128, 128, 1)),
             "lw_refinenet_mnv2_256": (lw_refinenet_mnv2, (1, 256, 256, 3)),
             "dcgan_generator_64": (dcgan_generator, (1, 100))}
    # held-out families XXXIV, part b (session 30)
    from jaxeff.gnn.heldout_nets_xxxiv_b import (darts_v2_cifar, dncnn_s, fsrcnn,
                                                 squeezedet)

    nets |= {"dncnn_17_64x64": (dncnn_s, (1, 64, 64, 1)),
             "fsrcnn_deconv_x2_64": (fsrcnn, (1, 64, 64, 1)),
             "darts_v2_cifar_32": (darts_v2_cifar, (1, 32, 32, 3)),
             "squeezedet_384x1248": (squeezedet, (1, 384, 1248, 3))}
    # held-out families XXXV, part a (session 30 addendum 2)
    from jaxeff.gnn.heldout_nets_xxxv import portraitnet, textcnn_kim, unet_orig, yunet

    nets |= {"unet_orig_572": (unet_orig, (1, 572, 572, 1)),
             "portraitnet_224": (portraitnet, (1, 224, 224, 3)),
             "textcnn_kim_56x300": (textcnn_kim, (1, 56, 300, 1)),
             "yunet_320": (yunet, (1, 320, 320, 3))}
    # held-out families XXXV, part b (session 30 addendum 2)
    from jaxeff.gnn.heldout_nets_xxxv_b import (esnet, fractalnet_cifar, liteseg_mnv2,
                                                pyramidnet_cifar)

    nets |= {"pyramidnet110_a48_cifar_32": (pyramidnet_cifar, (1, 32, 32, 3)),
             "fractalnet40_cifar_32": (fractalnet_cifar, (1, 32, 32, 3)),
             "liteseg_mnv2_360x640": (liteseg_mnv2, (1, 360, 640, 3)),
             "esnet_512x1024": (esnet, (1, 512, 1024, 3))}
    # held-out families XXXVI, part a (session 31)
    from jaxeff.gnn.heldout_nets_xxxvi import (context_encoder, lapsrn_x4,
                                               pix2pix_unet, pointnet_cls)

    nets |= {"pix2pix_unet_256": (pix2pix_unet, (1, 256, 256, 3)),
             "context_encoder_128": (context_encoder, (1, 128, 128, 3)),
             "pointnet_cls_1024": (pointnet_cls, (1, 1024, 1, 3)),
             "lapsrn_x4_64": (lapsrn_x4, (1, 64, 64, 1))}
    # held-out families XXXVI, part b (session 31)
    from jaxeff.gnn.heldout_nets_xxxvi_b import flownets, overfeat_fast, srcnn_915, vdsr

    nets |= {"srcnn_915_64x64": (srcnn_915, (1, 64, 64, 1)),
             "vdsr_20_64x64": (vdsr, (1, 64, 64, 1)),
             "overfeat_fast_231": (overfeat_fast, (1, 231, 231, 3)),
             "flownets_384x512": (flownets, (1, 384, 512, 6))}
    # held-out families XXXVII (session 31 addendum 2)
    from jaxeff.gnn.heldout_nets_xxxvii import (alexnet_owt, cnn_one_fstride8,
                                                cnn_tstride4, cnn_tstride8)

    nets |= {"cnn_one_fstride8_32x40": (cnn_one_fstride8, (1, 32, 40, 1)),
             "cnn_tstride4_32x40": (cnn_tstride4, (1, 32, 40, 1)),
             "cnn_tstride8_32x40": (cnn_tstride8, (1, 32, 40, 1)),
             "alexnet_owt_224": (alexnet_owt, (1, 224, 224, 3))}
    # held-out families XXXVIII (session 32)
    from jaxeff.gnn.heldout_nets_xxxviii import (infogan_generator, lsgan_generator,
                                                 sngan_generator, srgan_discriminator,
                                                 zfnet)
    from jaxeff.gnn.heldout_nets_xxxviii import m5 as m5_raw

    nets |= {"sngan_gen_cifar_32": (sngan_generator, (1, 128)),
             "lsgan_gen_112": (lsgan_generator, (1, 1024)),
             "infogan_gen_mnist_28": (infogan_generator, (1, 74)),
             "srgan_disc_96": (srgan_discriminator, (1, 96, 96, 3)),
             "zfnet_224": (zfnet, (1, 224, 224, 3)),
             "m5_raw_32000": (m5_raw, (1, 1, 32000, 1))}
    # held-out families XXXVIII, part b (session 32, addendum 1)
    from jaxeff.gnn.heldout_nets_xxxviii_b import wav2letter_raw, wav2vec_encoder

    nets |= {"wav2letter_raw_16000": (wav2letter_raw, (1, 1, 16000, 1)),
             "wav2vec_enc_16000": (wav2vec_encoder, (1, 1, 16000, 1))}
    # held-out families XXXIX (session 32, addendum 3)
    from jaxeff.gnn.heldout_nets_xxxix import char_cnn_large, rednet30, vgg_f, vgg_m

    nets |= {"rednet30_64": (rednet30, (1, 64, 64, 1)),
             "vgg_m_224": (vgg_m, (1, 224, 224, 3)),
             "vgg_f_224": (vgg_f, (1, 224, 224, 3)),
             "char_cnn_large_1014": (char_cnn_large, (1, 1, 1014, 70))}
    # held-out families XL, part A (session 33)
    from jaxeff.gnn.heldout_nets_xl import (acgan_generator, dcgan_tutorial_generator,
                                            overfeat_accurate, vgg_s)

    nets |= {"vgg_s_224": (vgg_s, (1, 224, 224, 3)),
             "overfeat_accurate_221": (overfeat_accurate, (1, 221, 221, 3)),
             "dcgan_gen_mnist_28": (dcgan_tutorial_generator, (1, 100)),
             "acgan_gen_cifar_32": (acgan_generator, (1, 110))}
    # held-out families XL, part b (session 33)
    from jaxeff.gnn.heldout_nets_xl_b import (conv_tasnet_enc, demucs_encoder,
                                              preact_resnet18_cifar, vdcnn9)

    nets |= {"conv_tasnet_enc_8000": (conv_tasnet_enc, (1, 1, 8000, 1)),
             "demucs_enc4_4096": (demucs_encoder, (1, 1, 4096, 2)),
             "vdcnn9_1024": (vdcnn9, (1, 1, 1024, 16)),
             "preact_resnet18_cifar_32": (preact_resnet18_cifar, (1, 32, 32, 3))}
    # held-out families XLI, part a (session 33, addendum 2)
    from jaxeff.gnn.heldout_nets_xli import char_cnn_small, samplecnn, soundnet8

    nets |= {"char_cnn_small_1014": (char_cnn_small, (1, 1, 1014, 70)),
             "samplecnn_59049": (samplecnn, (1, 1, 59049, 1)),
             "soundnet8_220500": (soundnet8, (1, 1, 220500, 1))}
    # held-out families XLI, part b (session 33, addendum 2)
    from jaxeff.gnn.heldout_nets_xli_b import inception_time, quartznet5x5, resnet_ts

    nets |= {"inceptiontime_1000": (inception_time, (1, 1, 1000, 1)),
             "resnet_ts_500": (resnet_ts, (1, 1, 500, 1)),
             "quartznet5x5_64x256": (quartznet5x5, (1, 1, 256, 64))}
    # held-out families XLII, part E (session 33, addendum 3)
    from jaxeff.gnn.heldout_nets_xlii import abdoli_esc, envnet_v2, marblenet_3x2x64

    nets |= {"marblenet_3x2x64": (marblenet_3x2x64, (1, 1, 64, 64)),
             "envnet_v2_66650": (envnet_v2, (1, 1, 66650, 1)),
             "abdoli_esc_16000": (abdoli_esc, (1, 1, 16000, 1))}
    # held-out families XLII, part F (session 33, addendum 3)
    from jaxeff.gnn.heldout_nets_xlii_b import nin_cifar, resnet18_cifar, vgg16_cifar

    nets |= {"resnet18_cifar_32": (resnet18_cifar, (1, 32, 32, 3)),
             "vgg16_cifar_32": (vgg16_cifar, (1, 32, 32, 3)),
             "nin_cifar_32": (nin_cifar, (1, 32, 32, 3))}
    # held-out families XLIII, part G (session 33, addendum 5)
    from jaxeff.gnn.heldout_nets_xliii import (densenet_bc100_k12_cifar, resnet32_cifar,
                                               wrn28_10_cifar)

    nets |= {"resnet32_cifar_32": (resnet32_cifar, (1, 32, 32, 3)),
             "densenet_bc100_k12_cifar_32": (densenet_bc100_k12_cifar, (1, 32, 32, 3)),
             "wrn28_10_cifar_32": (wrn28_10_cifar, (1, 32, 32, 3))}
    # held-out families XLIII, part H (session 33, addendum 5)
    from jaxeff.gnn.heldout_nets_xliii_b import (preact_resnet164_cifar,
                                                 resnext29_8x64d_cifar)

    nets |= {"resnext29_8x64d_cifar_32": (resnext29_8x64d_cifar, (1, 32, 32, 3)),
             "preact_resnet164_cifar_32": (preact_resnet164_cifar, (1, 32, 32, 3))}
    # held-out families XLIV, part A (session 34, addendum 1)
    from jaxeff.gnn.heldout_nets_xliv import mtcnn_onet, panns_cnn6, vggish

    nets |= {"vggish_96x64": (vggish, (1, 96, 64, 1)),
             "panns_cnn6_1001x64": (panns_cnn6, (1, 1001, 64, 1)),
             "mtcnn_onet_48": (mtcnn_onet, (1, 48, 48, 3))}
    # held-out families XLIV, part B (session 34, addendum 1)
    from jaxeff.gnn.heldout_nets_xliv_b import cyclegan_generator_r6, fastdepth

    nets |= {"fastdepth_224": (fastdepth, (1, 224, 224, 3)),
             "cyclegan_gen_r6_128": (cyclegan_generator_r6, (1, 128, 128, 3))}
    # held-out families XLV, part C (session 34, addendum 2)
    from jaxeff.gnn.heldout_nets_xlv import arcface_iresnet18, sphereface20

    nets |= {"sphereface20_112x96": (sphereface20, (1, 112, 96, 3)),
             "arcface_iresnet18_112": (arcface_iresnet18, (1, 112, 112, 3))}
    # held-out families XLV, part D (session 34, addendum 2)
    from jaxeff.gnn.heldout_nets_xlv_b import segan_generator, segnet_basic

    nets |= {"segan_gen_16384": (segan_generator, (1, 1, 16384, 1)),
             "segnet_basic_360x480": (segnet_basic, (1, 360, 480, 3))}
    # held-out families XLVI, part A (session 35)
    from jaxeff.gnn.heldout_nets_xlvi import dronet, mini_xception

    nets |= {"mini_xception_48": (mini_xception, (1, 48, 48, 1)),
             "dronet_200": (dronet, (1, 200, 200, 1))}
    # held-out families XLVI, part B (session 35)
    from jaxeff.gnn.heldout_nets_xlvi_b import wave_unet, wavenet

    nets |= {"wave_unet_16384": (wave_unet, (1, 1, 16384, 1)),
             "wavenet_2x10_4096": (wavenet, (1, 1, 4096, 1))}
    # held-out families XLVII, part C (session 35, addendum 2)
    from jaxeff.gnn.heldout_nets_xlvii import melgan_generator

    nets |= {"melgan_gen_32x80": (melgan_generator, (1, 1, 32, 80))}
    # held-out family XLVII, part D (session 35, addendum 2)
    from jaxeff.gnn.heldout_nets_xlvii_b import fc_densenet56

    nets |= {"fc_densenet56_224": (fc_densenet56, (1, 224, 224, 3))}
    # held-out families XLVIII, part A (session 36)
    from jaxeff.gnn.heldout_nets_xlviii import edsr_baseline_x2, ffdnet_gray

    nets |= {"edsr_baseline_x2_64": (edsr_baseline_x2, (1, 64, 64, 3)),
             "ffdnet_gray_128": (ffdnet_gray, (1, 128, 128, 1))}
    # held-out families XLVIII, part B (session 36)
    from jaxeff.gnn.heldout_nets_xlviii_b import csrnet_b, superpoint

    nets |= {"superpoint_240x320": (superpoint, (1, 240, 320, 1)),
             "csrnet_b_256": (csrnet_b, (1, 256, 256, 3))}
    # held-out families XLVIII, part C (session 36, addendum 1)
    from jaxeff.gnn.heldout_nets_xlviii_c import srresnet_x4

    nets |= {"srresnet_x4_32": (srresnet_x4, (1, 32, 32, 3))}
    # held-out families XLIX, part D (session 36, addendum 3)
    from jaxeff.gnn.heldout_nets_xlix import resnet_v2_50

    nets |= {"resnet_v2_50_224": (resnet_v2_50, (1, 224, 224, 3))}
    # held-out families XLIX, part E (session 36, addendum 3)
    from jaxeff.gnn.heldout_nets_xlix_b import resunet

    nets |= {"resunet_224": (resunet, (1, 224, 224, 3))}
    # held-out families XLIX, part F (session 36, addendum 3)
    from jaxeff.gnn.heldout_nets_xlix_c import utime

    nets |= {"utime_4096": (utime, (1, 1, 4096, 2))}
    # held-out families L, part G (session 36, addendum 4)
    from jaxeff.gnn.heldout_nets_l import rdn_x2

    nets |= {"rdn_x2_32": (rdn_x2, (1, 32, 32, 3))}
    # held-out families L, part H (session 36, addendum 4)
    from jaxeff.gnn.heldout_nets_l_b import l3net_audio

    nets |= {"l3net_audio_257x199": (l3net_audio, (1, 257, 199, 1))}
    # held-out families L, part I (session 36, addendum 4)
    from jaxeff.gnn.heldout_nets_l_c import simplenet

    nets |= {"simplenet_cifar_32": (simplenet, (1, 32, 32, 3))}
    # held-out families LI, part J (session 36, addendum 6)
    from jaxeff.gnn.heldout_nets_li import preact_resnet34

    nets |= {"preact_resnet34_224": (preact_resnet34, (1, 224, 224, 3))}
    # held-out families LI, part K (session 36, addendum 6)
    from jaxeff.gnn.heldout_nets_li_b import densenet161

    nets |= {"densenet161_224": (densenet161, (1, 224, 224, 3))}
    # held-out families LII, part A (session 37)
    from jaxeff.gnn.heldout_nets_lii import attention56

    nets |= {"attention56_224": (attention56, (1, 224, 224, 3))}
    # held-out families LII, part B (session 37)
    from jaxeff.gnn.heldout_nets_lii_b import revnet110

    nets |= {"revnet110_cifar_32": (revnet110, (1, 32, 32, 3))}
    # held-out families LII, part C (session 37, section 2)
    from jaxeff.gnn.heldout_nets_lii_c import drrn_b1u9, memnet_m6r6

    nets |= {"drrn_b1u9_31": (drrn_b1u9, (1, 31, 31, 1)),
             "memnet_m6r6_31": (memnet_m6r6, (1, 31, 31, 1))}
    # held-out families LIII, part D (session 37, addendum 2)
    from jaxeff.gnn.heldout_nets_liii import idn_x2, ircnn

    nets |= {"ircnn_gray_128": (ircnn, (1, 128, 128, 1)),
             "idn_x2_64": (idn_x2, (1, 64, 64, 1))}
    # held-out families LIII, part B (session 37, addendum 2)
    from jaxeff.gnn.heldout_nets_liii_b import faceboxes

    nets |= {"faceboxes_512": (faceboxes, (1, 512, 512, 3))}
    # held-out families LIV, part F (session 37, addendum 3)
    from jaxeff.gnn.heldout_nets_liv import deepsleepnet_cnn, tinysleepnet_cnn

    nets |= {"tinysleepnet_cnn_3000": (tinysleepnet_cnn, (1, 1, 3000, 1)),
             "deepsleepnet_cnn_3000": (deepsleepnet_cnn, (1, 1, 3000, 1))}
    # held-out families LIV, part B (session 37, addendum 3)
    from jaxeff.gnn.heldout_nets_liv_b import chambon2018

    nets |= {"chambon2018_2x3840": (chambon2018, (1, 2, 3840, 1))}
    # held-out families LV (session 37, addendum 6)
    from jaxeff.gnn.heldout_nets_lv import preact_resnet110, revnet38

    nets |= {"preact_resnet110_cifar_32": (preact_resnet110, (1, 32, 32, 3)),
             "revnet38_cifar_32": (revnet38, (1, 32, 32, 3))}
    # held-out families LVI (session 37, addendum 7)
    from jaxeff.gnn.heldout_nets_lvi import fcn4, sbcnn

    nets |= {"sbcnn_128": (sbcnn, (1, 128, 128, 1)),
             "fcn4_96x1366": (fcn4, (1, 96, 1366, 1))}
    # held-out families LVII (session 37, addendum 8)
    from jaxeff.gnn.heldout_nets_lvii import tsception, tsinalis2016

    nets |= {"tsception_28x512": (tsception, (1, 28, 512, 1)),
             "tsinalis2016_15000": (tsinalis2016, (1, 1, 15000, 1))}
    # held-out families LVIII, part A (session 38, section 3)
    from jaxeff.gnn.heldout_nets_lviii import envnet, piczak_esc

    nets |= {"envnet_24014": (envnet, (1, 1, 24014, 1)),
             "piczak_esc_60x41": (piczak_esc, (1, 60, 41, 2))}
    # held-out families LVIII, part B (session 38)
    from jaxeff.gnn.heldout_nets_lviii_b import ignatov_har

    nets |= {"ignatov_har_128": (ignatov_har, (1, 1, 128, 3))}
    # held-out families LVIII, part C (session 38, addendum 1)
    from jaxeff.gnn.heldout_nets_lviii_c import m11

    nets |= {"m11_raw_32000": (m11, (1, 1, 32000, 1))}
    # held-out families LIX (session 38, addendum 5)
    from jaxeff.gnn.heldout_nets_lix import swiftnet_rn18

    nets |= {"swiftnet_rn18_512x1024": (swiftnet_rn18, (1, 512, 1024, 3))}
    # held-out families LX (session 38, addendum 6)
    from jaxeff.gnn.heldout_nets_lx import res26_narrow_kws, tc_resnet14_15

    nets |= {"res26_narrow_kws_101x40": (res26_narrow_kws, (1, 101, 40, 1)),
             "tc_resnet14_1.5_98x40": (tc_resnet14_15, (1, 1, 98, 40))}
    # held-out families LXI (session 38, addendum 7)
    from jaxeff.gnn.heldout_nets_lxi import (mobilenet_v2_075_224,
                                             mobilenet_v3_large_075_224)

    nets |= {"mobilenet_v2_0.75_224": (mobilenet_v2_075_224, (1, 224, 224, 3)),
             "mobilenet_v3_large_0.75_224": (mobilenet_v3_large_075_224,
                                             (1, 224, 224, 3))}
    # held-out families LXII, part A (session 39, section 2)
    from jaxeff.gnn.heldout_nets_lxii import pan_x2

    nets |= {"pan_x2_64": (pan_x2, (1, 64, 64, 3))}
    # held-out families LXII, part B (session 39, section 2)
    from jaxeff.gnn.heldout_nets_lxii_b import acharya_mi_ecg

    nets |= {"acharya_mi_ecg_651": (acharya_mi_ecg, (1, 1, 651, 1))}
    # held-out families LXIII (session 39, addendum 5)
    from jaxeff.gnn.heldout_nets_lxiii import lraspp_mnv3_small

    nets |= {"lraspp_mnv3_small_512": (lraspp_mnv3_small, (1, 512, 512, 3))}
    # held-out families LXIV, part A (session 40, section 2)
    from jaxeff.gnn.heldout_nets_lxiv import acharya_arrhythmia_ecg, acharya_seizure_eeg

    nets |= {"acharya_arrhythmia_ecg_260": (acharya_arrhythmia_ecg, (1, 1, 260, 1)),
             "acharya_seizure_eeg_4097": (acharya_seizure_eeg, (1, 1, 4097, 1))}
    # held-out families LXIV, part B (session 40, section 2)
    from jaxeff.gnn.heldout_nets_lxiv_b import ronao_har_cnn, yildirim_arrhythmia_ecg

    nets |= {"ronao_har_cnn_128x6": (ronao_har_cnn, (1, 1, 128, 6)),
             "yildirim_arrhythmia_ecg_3600": (yildirim_arrhythmia_ecg,
                                              (1, 1, 3600, 1))}
    # held-out family LXV (session 40, addendum 1)
    from jaxeff.gnn.heldout_nets_lxv import xresnet1d50

    nets |= {"xresnet1d50_ptbxl_1000x12": (xresnet1d50, (1, 1, 1000, 12))}
    # held-out families LXVI, part A (session 40, addendum 2)
    from jaxeff.gnn.heldout_nets_lxvi import m18, m34res

    nets |= {"m18_raw_32000": (m18, (1, 1, 32000, 1)),
             "m34res_raw_32000": (m34res, (1, 1, 32000, 1))}
    # held-out families LXVI, the VALID-stem variants (session 40, addendum 3)
    nets |= {"m18_valid_32000": (lambda b, x: m18(b, x, pad=False), (1, 1, 32000, 1)),
             "m34res_valid_32000": (lambda b, x: m34res(b, x, pad=False),
                                    (1, 1, 32000, 1))}
    # held-out families LXVI, part B (session 40, addendum 2)
    from jaxeff.gnn.heldout_nets_lxvi_b import xresnet1d101

    nets |= {"xresnet1d101_ptbxl_1000x12": (xresnet1d101, (1, 1, 1000, 12))}
    # held-out families LXVII (session 41, addendum 2)
    from jaxeff.gnn.heldout_nets_lxvii import dieleman_e2e, panns_wavegram, wavemsnet

    nets |= {"panns_wavegram_32000": (panns_wavegram, (1, 1, 32000, 1)),
             "wavemsnet_44100": (wavemsnet, (1, 1, 44100, 1)),
             "dieleman_e2e_48000": (dieleman_e2e, (1, 1, 48000, 1))}
    # held-out families LXVIII (session 41, addendum 4)
    from jaxeff.gnn.heldout_nets_lxviii import m3, m5_valid

    nets |= {"m5_valid_32000": (m5_valid, (1, 1, 32000, 1)),
             "m3_valid_32000": (m3, (1, 1, 32000, 1))}
    # held-out families LXIX, part A (session 42)
    from jaxeff.gnn.heldout_nets_lxix_a import ribeiro_ecg_resnet, wavegan_disc

    nets |= {"wavegan_disc_16384": (wavegan_disc, (1, 1, 16384, 1)),
             "ribeiro_ecg_resnet_4096": (ribeiro_ecg_resnet, (1, 1, 4096, 12))}
    # held-out families LXIX part B (session 42)
    from jaxeff.gnn.heldout_nets_lxix_b import convnetquake, gpd

    nets |= {"convnetquake_1000x3": (convnetquake, (1, 1, 1000, 3)),
             "gpd_400x3": (gpd, (1, 1, 400, 3))}
    # held-out families LXIX part C (session 42, addendum 1)
    from jaxeff.gnn.heldout_nets_lxix_c import convmixer_768_32, wavegan_disc_valid

    nets |= {"wavegan_disc_valid_16384": (wavegan_disc_valid, (1, 1, 16384, 1)),
             "convmixer_768_32_224": (convmixer_768_32, (1, 224, 224, 3))}
    # held-out families LXX part A (session 43)
    from jaxeff.gnn.heldout_nets_lxx_a import xvector_tdnn, yamnet

    nets |= {"yamnet_96x64": (yamnet, (1, 96, 64, 1)),
             "xvector_tdnn_200x30": (xvector_tdnn, (1, 1, 200, 30))}
    # held-out families LXX part B (session 43)
    from jaxeff.gnn.heldout_nets_lxx_b import darknet_ref, musicnn_mtt

    nets |= {"musicnn_mtt_187x96": (musicnn_mtt, (1, 187, 96, 1)),
             "darknet_ref_224": (darknet_ref, (1, 224, 224, 3))}
    # held-out families LXX part C (session 43)
    from jaxeff.gnn.heldout_nets_lxx_c import mcnn_crowd, tiny_darknet

    nets |= {"tiny_darknet_224": (tiny_darknet, (1, 224, 224, 3)),
             "mcnn_crowd_384x512": (mcnn_crowd, (1, 384, 512, 3))}
    # held-out families LXXI part A (session 43)
    from jaxeff.gnn.heldout_nets_lxxi_a import arcnn, cnniqa

    nets |= {"arcnn_gray_256": (arcnn, (1, 256, 256, 1)),
             "cnniqa_32": (cnniqa, (1, 32, 32, 1))}
    # held-out families LXXI part B (session 43)
    from jaxeff.gnn.heldout_nets_lxxi_b import schluter_onset, xu_net

    nets |= {"xu_net_256": (xu_net, (1, 256, 256, 1)),
             "schluter_onset_15x80x3": (schluter_onset, (1, 15, 80, 3))}
    # held-out families LXXII (session 43)
    from jaxeff.gnn.heldout_nets_lxxii import srnet, yedroudj_net

    nets |= {"srnet_256": (srnet, (1, 256, 256, 1)),
             "yedroudj_net_256": (yedroudj_net, (1, 256, 256, 1))}
    # held-out families LXXIII part A (session 44)
    from jaxeff.gnn.heldout_nets_lxxiii_a import basset, deepbind, deepsea

    nets |= {"deepbind_101x4": (deepbind, (1, 1, 101, 4)),
             "deepsea_1000x4": (deepsea, (1, 1, 1000, 4)),
             "basset_600x4": (basset, (1, 1, 600, 4))}
    # held-out families LXXIII part b (session 44)
    from jaxeff.gnn.heldout_nets_lxxiii_b import dpcnn, voxceleb_vggm

    nets |= {"voxceleb_vggm_512x300": (voxceleb_vggm, (1, 512, 300, 1)),
             "dpcnn_256x300": (dpcnn, (1, 1, 256, 300))}
    # held-out families LXXIV part a (session 44)
    from jaxeff.gnn.heldout_nets_lxxiv_a import efficientnet_b1, tinynet_a

    nets |= {"efficientnet_b1_240": (efficientnet_b1, (1, 240, 240, 3)),
             "tinynet_a_192": (tinynet_a, (1, 192, 192, 3))}
    # held-out families LXXIV part b (session 44)
    from jaxeff.gnn.heldout_nets_lxxiv_b import mixnet_m, yolov5s

    nets |= {"yolov5s_320": (yolov5s, (1, 320, 320, 3)),
             "mixnet_m_224": (mixnet_m, (1, 224, 224, 3))}
    # held-out families LXXV (session 44)
    from jaxeff.gnn.heldout_nets_lxxv import deepsea_beluga, deepstarr

    nets |= {"deepsea_beluga_2000x4": (deepsea_beluga, (1, 1, 2000, 4)),
             "deepstarr_249x4": (deepstarr, (1, 1, 249, 4))}
    # held-out families LXXVI (session 44)
    from jaxeff.gnn.heldout_nets_lxxvi import deepcpg_dna, xpresso

    nets |= {"deepcpg_dna_1001x4": (deepcpg_dna, (1, 1, 1001, 4)),
             "xpresso_10500x4": (xpresso, (1, 1, 10500, 4))}
    if name in nets:
        f, shape = nets[name]
        out = f(b, b.input(shape))
    elif name.startswith("shufflenet_v2_"):
        width = float(name.split("_")[2])
        out = shufflenet_v2(b, b.input((1, 224, 224, 3)), width, 1.0, 1000, True)
    elif name == "gru_kws_49x10":  # 49 MFCC frames x 10, one GRU of 128 [U]
        out = b.gru(b.input((1, 49, 10)), 128)
        out = b.softmax(b.fc(out, 12))
    else:  # CRNN: 10x4 conv, 48 ch, stride (2, 2) -> 20 steps; 2 GRUs of 60; FC [U]
        x = b.conv(b.input((1, 49, 10, 1)), 48, (10, 4), (2, 2), "RELU", "VALID")
        _, t, w, c = b.shape(x)
        x = b.gru(b.gru(b.reshape(x, (1, t, w * c)), 60, True), 60)
        out = b.softmax(b.fc(b.fc(x, 84, "RELU"), 12))
    g = b.finish(list(out) if isinstance(out, tuple) else [out])
    return write_tflite(quantize_int8(g, calibrate(g, seed=seed),
                                      same_scale_concat=True))


def build(name: str, seed: int = 0) -> bytes:
    """Full-int8 TFLite bytes of one model of :data:`MODELS`."""
    from jaxeff.nets import ran_vela, sesr_npu
    from jaxeff.nets.ran import LITE0_STAGES, RAN_E_CONFIGS

    if name not in MODELS:
        raise ValueError(f"unknown held-out model {name!r}; choose from {sorted(MODELS)}")
    if name.startswith("micronet_"):
        return _micronet(name.removeprefix("micronet_"), seed)
    if name in BUILDER_MODELS:
        return _builder_net(name, seed)
    if name == "resnet20_cifar":
        return ran_vela.int8_tflite(sesr_npu.resnet20_graph(32, 10, seed), seed)
    if name.startswith(("ran_e_", "effnet_")):
        lite = name.startswith("effnet_")
        stages = LITE0_STAGES if lite else RAN_E_CONFIGS[name.split("_")[2].upper()]
        kw = {"stem": 32, "head": 1280, "act": "relu6"} if lite else {}
        g = ran_vela.network_graph(stages, res=224, lite=lite, seed=seed, **kw)
        return ran_vela.int8_tflite(g, seed)
    if name.startswith("sesr_"):
        variant = name.split("_")[1].upper()
        return sesr_npu.int8_graph(sesr_npu.sesr_graph(variant, 2, (64, 64), seed=seed),
                                   seed=seed)
    if name == "fsrcnn_x2_64":
        return sesr_npu.int8_graph(sesr_npu.fsrcnn_graph(2, (64, 64), seed=seed),
                                   seed=seed)
    return sesr_npu.int8_graph(sesr_npu.edsr_graph((48, 48), seed=seed), seed=seed)


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True,
        overwrite: bool = False) -> dict[str, Any]:
    """Write ``<workdir>/models/<name>.tflite`` for every model (existing files are
    kept: a rerun resumes) and ``models.json`` (family, overlap, bytes, ops)."""
    from jaxeff.tflite import read_main

    run_dir = RunDir(workdir, cfg, overwrite=overwrite)
    out = run_dir.path / "models"
    out.mkdir(exist_ok=True)
    rows = {}
    for name in cfg.models:
        f = out / f"{name}.tflite"
        if not f.exists():
            atomic_write(f, build(name, cfg.seed))
        g = read_main(f)
        fam, overlap = MODELS[name]
        rows[name] = {"family": fam, "overlap": overlap, "bytes": f.stat().st_size,
                      "ops": len(g.ops), "op_types": sorted(set(g.op_types()))}
        if progress:
            print(f"{name}: {len(g.ops)} ops", flush=True)
    res = {"models": rows, "dir": str(out)}
    atomic_write(run_dir.path / "models.json", json.dumps(rows, indent=1))
    run_dir.write_results(res)
    run_dir.write_report(report(res))
    return res


def report(res: dict[str, Any]) -> str:
    rows = [[n, r["family"], r["ops"], " ".join(r["op_types"]), r["overlap"]]
            for n, r in res["models"].items()]
    return ("# PerfSAGE held-out models\n\n"
            + markdown_table(["model", "family", "ops", "op types", "overlaps"], rows)
            + f"\n\nFiles: {res['dir']}\n")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = preset_parser(__doc__)
    p.add_argument("--models", nargs="+", default=None, choices=sorted(MODELS))
    p.add_argument("--seed", type=int, default=None)
    a, preset = parse_run_args(p, argv)
    cfg = Config.smoke() if preset == "smoke" else Config.default()
    if a.models:
        cfg = dataclasses.replace(cfg, models=tuple(a.models))
    if a.seed is not None:
        cfg = dataclasses.replace(cfg, seed=a.seed)
    workdir = a.workdir or f"runs/perfsage_heldout_{preset}"
    return run_and_report(run, report, cfg, workdir, a)


if __name__ == "__main__":
    main()
