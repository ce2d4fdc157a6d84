# device call 2: Evol-Q paper evolution vs evosax SNES on the CIFAR-10 ViT, same device
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD/src:$PWD PYTHONUNBUFFERED=1 JAXEFF_DATA=$PWD/.devdata JAXEFF_CACHE=$PWD/.devcache
mkdir -p $OUT/r; T0=$(date +%s)
pack() { (cd $OUT && find r -name "*.msgpack" -delete; tar czf r.tgz r); echo "packed $(( $(date +%s)-T0 ))s"; }
timeout 170 python3 -m experiments.evolq --preset paper --dataset cifar10 --bits 3 4 --seeds 0 1 2 --no-progress --workdir $OUT/r/gpu_paper_evolq 2>&1 | grep -v Warning; pack
timeout 150 python3 -m experiments.evolq --preset paper --dataset cifar10 --algo SNES --bits 3 4 --seeds 0 1 2 --no-progress --workdir $OUT/r/gpu_paper_snes 2>&1 | grep -v Warning; pack
rm -rf $OUT/r
