# device call (session 14, one H200): ResNet-18 CIFAR-10 float training (issue 17's
# BQW / PAW+FSQ rows need it; the weights come back in 15 MB parts) and, beside it on
# the same GPU, issue 19's longer RAN trainings, the search with a longer proxy and
# the 20-network NN-Mass study (gpu_rans.py). CIFAR-10 travels as the shared zip
# compressed with xz (bit-identical after decompression; sha256 checked).
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
E=docs/evidence/gpu-2026-12-04-s14
export PYTHONPATH=/tmp/site:$PWD/src:$PWD PYTHONUNBUFFERED=1 JAXEFF_DATA=/tmp/data JAXEFF_CACHE=/tmp/jcache TF_CPP_MIN_LOG_LEVEL=2
T0=$(date +%s); END=$((T0+${BUDGET:-500})); L=/tmp/logs; mkdir -p $L /tmp/data/cifar10 /tmp/r
nvidia-smi -L; python3 -c "import jax, flax, optax; print(jax.__version__, flax.__version__, optax.__version__, jax.devices())"
python3 -c "import lzma,shutil; shutil.copyfileobj(lzma.open('.devdata/cifar10-jpeg.zip.xz'), open('/tmp/data/cifar10/cifar10-jpeg.zip','wb'))"
echo "2e60ea0bee113bb7fd0b561aa36a147691fcb3987755e13720d61aba10be35f4  /tmp/data/cifar10/cifar10-jpeg.zip" | sha256sum -c || exit 1
python3 -c "from jaxeff.data.vision import load_vision; d=load_vision('cifar10', val_size=2000, seed=0); print('decoded', len(d.train), len(d.val), len(d.test))" 2>&1 | grep -v Warn
echo "data ready $(( $(date +%s)-T0 ))s"
C="--no-imagenet-vela --block-res 0 --train-size 0 --val-size 2000 --epochs 10 --batch-size 64 --warmup-epochs 0.2 --search-top 4 --search-train-size 0 --search-epochs 2 --study-n 20 --study-train-size 0 --study-epochs 2 --depthwise lax"
W=/tmp/r/rans_gpu; left() { echo $((END-20-$(date +%s))); }
XLA_PYTHON_CLIENT_MEM_FRACTION=0.2 timeout $(left) python3 -m experiments.train_classifier --model resnet18_cifar --dataset cifar10 --epochs 30 --no-progress --workdir /tmp/r/train_resnet18_cifar > $L/r18.log 2>&1 &
export XLA_PYTHON_CLIENT_MEM_FRACTION=0.09
run() { n=$1; shift; timeout $(left) python3 $E/gpu_rans.py "$@" > $L/$n.log 2>&1 & }
run t1 train $W -- $C --nets mbconv GT
run t2 train $W -- $C --nets C lite0_hswish
run t3 train $W -- $C --nets convnext ran_i
run s search $W -- $C --nets searched
for j in 0 1 2; do run st$j study $W -- $C --nets --study-shard $j/3; done
sleep 90; nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv
wait
echo "all done $(( $(date +%s)-T0 ))s"; tail -n 3 $L/*.log
for d in /tmp/jcache/models/resnet18_cifar-*; do
  [ -f $d/variables.msgpack ] || continue
  mkdir -p /tmp/r/model; cp $d/meta.json $d/config.json /tmp/r/model/ 2>/dev/null; echo $d > /tmp/r/model/dir.txt
  sha256sum $d/variables.msgpack > /tmp/r/model/sha256.txt
  split -b 15000000 -d $d/variables.msgpack $OUT/var.part
done
cp -r $L /tmp/r/logs; (cd /tmp && tar czf $OUT/r.tgz --exclude=checkpoint.msgpack r); ls -la $OUT; echo "packed $(( $(date +%s)-T0 ))s"
