# device call 3 (session 4): ResNet-18 CIFAR-10 30 epochs + Winograd W8A8 table on it
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD/src:$PWD PYTHONUNBUFFERED=1 JAXEFF_DATA=$PWD/.devdata JAXEFF_CACHE=/tmp/jcache
mkdir -p $OUT/r; T0=$(date +%s); END=$((T0+545))
nvidia-smi -L
python3 -c "import jax, flax, optax; print(jax.__version__, flax.__version__, optax.__version__, jax.devices())"
pack() {
  for d in /tmp/jcache/models/resnet18_cifar-*; do
    [ -f $d/variables.msgpack ] || continue
    mkdir -p $OUT/r/model; cp $d/meta.json $d/config.json $OUT/r/model/; echo $d > $OUT/r/model/dir.txt
    sha256sum $d/variables.msgpack > $OUT/r/model/sha256.txt
    split -b 15000000 -d $d/variables.msgpack $OUT/var.part
  done
  (cd $OUT && tar czf r.tgz r && rm -rf r); ls -la $OUT; echo "packed $(( $(date +%s)-T0 ))s"
}
timeout 400 python3 -m experiments.train_classifier --model resnet18_cifar --dataset cifar10 --epochs 30 --no-progress --workdir $OUT/r/train_resnet18_cifar 2>&1 | grep -v Warning
echo "train done $(( $(date +%s)-T0 ))s"
LEFT=$((END-$(date +%s)))
if [ $LEFT -gt 40 ]; then
  timeout $LEFT python3 -m experiments.winograd --model resnet18_cifar --workdir $OUT/r/winograd_resnet18_cifar 2>&1 | tr '\r' '\n' | grep -v "Warning\|it/s\]"
fi
echo "winograd done $(( $(date +%s)-T0 ))s"
pack
