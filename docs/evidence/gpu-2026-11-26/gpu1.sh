# device call 1: GPU bench_evolq + ResNet-20 CIFAR-10 30 epochs + Evol-Q ResNet-20 W4
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD/src:$PWD PYTHONUNBUFFERED=1 JAXEFF_DATA=$PWD/.devdata JAXEFF_CACHE=/tmp/jcache
mkdir -p $OUT/r
nvidia-smi -L
python3 -c "import jax, flax, optax, evosax; print(jax.__version__, flax.__version__, optax.__version__, evosax.__version__, jax.devices())"
T0=$(date +%s)
for args in "--model vit_digits/2" "--model vit_digits/2 --block 3" "--model vit_cifar/4 --image-size 32 --channels 3" "--model vit_cifar/4 --image-size 32 --channels 3 --population 64"; do
  timeout 60 python3 -m benchmarks.bench_evolq --out $OUT/r/bench.md --repeats 10 $args 2>&1 | grep -v Warning
done
echo "bench done $(( $(date +%s)-T0 ))s"
timeout 300 python3 -m experiments.train_classifier --model resnet20 --dataset cifar10 --epochs 30 --no-progress --workdir $OUT/r/train_resnet20 2>&1 | grep -v Warning
echo "train done $(( $(date +%s)-T0 ))s"
for d in /tmp/jcache/models/resnet20-*; do mkdir -p $OUT/r/model; cp $d/variables.msgpack $d/meta.json $d/config.json $d/metrics.jsonl $OUT/r/model/ ; echo $d; done
timeout 120 python3 -m experiments.evolq --dataset cifar10 --model resnet20 --bits 4 --seeds 0 1 2 --workdir $OUT/r/evolq_resnet20 2>&1 | tr '\r' '\n' | grep -v "Warning\|it/s\]" 
echo "all done $(( $(date +%s)-T0 ))s"
cd $OUT && tar czf r.tgz r && rm -rf r
