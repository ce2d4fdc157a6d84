"""Datasets -> numpy batches ``{"image" | "audio" | "tokens", "label"}``."""

from jaxeff.data.vision import (
    DATASETS,
    Split,
    VisionData,
    cache_dir,
    data_root,
    hflip,
    iterate_batches,
    load_cifar10,
    load_digits,
    load_image_folder_zip,
    load_mnist,
    load_vision,
    normalize,
    pad_crop,
)

__all__ = [
    "DATASETS",
    "Split",
    "VisionData",
    "cache_dir",
    "data_root",
    "hflip",
    "iterate_batches",
    "load_cifar10",
    "load_digits",
    "load_image_folder_zip",
    "load_mnist",
    "load_vision",
    "normalize",
    "pad_crop",
]
