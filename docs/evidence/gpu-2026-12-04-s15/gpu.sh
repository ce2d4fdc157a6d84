# device call (session 15, one H200), issue 19: a second training seed of every 10-epoch
# CIFAR-10 net and of the greedy search's proxies, the spec's RAN-i rule applied to the
# CIFAR ConvNeXt (ran_i_rule, 1.92x fewer MACs) at seeds 0 and 1, and 20-epoch runs of
# all-MBConv, GT and C (does the gap close with longer training?). Only the training
# sections run here (no Vela / LiteRT on the GPU image), through session 14's driver
# gpu_rans.py; the reports are written on the CPU from the cached results.
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
E=docs/evidence/gpu-2026-12-04-s14
export PYTHONPATH=/tmp/site:$PWD/src:$PWD PYTHONUNBUFFERED=1 JAXEFF_DATA=/tmp/data JAXEFF_CACHE=/tmp/jcache TF_CPP_MIN_LOG_LEVEL=2
T0=$(date +%s); END=$((T0+${BUDGET:-540})); L=/tmp/r/logs; mkdir -p $L /tmp/data/cifar10
nvidia-smi -L; python3 -c "import jax, flax, optax; print(jax.__version__, flax.__version__, optax.__version__, jax.devices())"
python3 -c "import lzma,shutil; shutil.copyfileobj(lzma.open('.devdata/cifar10-jpeg.zip.xz'), open('/tmp/data/cifar10/cifar10-jpeg.zip','wb'))"
echo "2e60ea0bee113bb7fd0b561aa36a147691fcb3987755e13720d61aba10be35f4  /tmp/data/cifar10/cifar10-jpeg.zip" | sha256sum -c || exit 1
python3 -c "from jaxeff.data.vision import load_vision; d=load_vision('cifar10', val_size=2000, seed=0); print('decoded', len(d.train), len(d.val), len(d.test))" 2>&1 | grep -v Warn
echo "data ready $(( $(date +%s)-T0 ))s"
C="--no-imagenet-vela --block-res 0 --train-size 0 --val-size 2000 --epochs 10 --batch-size 64 --warmup-epochs 0.2 --search-top 4 --search-train-size 0 --search-epochs 2 --study-n 20 --study-train-size 0 --study-epochs 2 --depthwise lax"
left() { echo $((END-15-$(date +%s))); }
export XLA_PYTHON_CLIENT_MEM_FRACTION=0.09
run() { n=$1; shift; timeout $(left) python3 $E/gpu_rans.py "$@" > $L/$n.log 2>&1 & }
W1=/tmp/r/seed1; W0=/tmp/r/seed0; WL=/tmp/r/ep20
run s1a train $W1 -- $C --train-seed 1 --nets mbconv GT
run s1b train $W1 -- $C --train-seed 1 --nets C lite0_hswish
run s1c train $W1 -- $C --train-seed 1 --nets convnext ran_i
run s1d train $W1 -- $C --train-seed 1 --nets ran_i_rule
run s1s search $W1 -- $C --train-seed 1 --nets searched
run s0r train $W0 -- $C --nets ran_i_rule
for n in mbconv GT C; do run L$n train $WL -- $C --epochs 20 --nets $n; done
sleep 120; nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv
wait
echo "all done $(( $(date +%s)-T0 ))s"; tail -n 2 $L/*.log | cut -c1-300
(cd /tmp && tar czf $OUT/r.tgz --exclude=checkpoint.msgpack --exclude='*.msgpack' r); ls -la $OUT; echo "packed $(( $(date +%s)-T0 ))s"
