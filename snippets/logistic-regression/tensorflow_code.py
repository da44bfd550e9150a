# 로지스틱 회귀와 입력 파이프라인 — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf

from data import SEED, X_TEST, X_TRAIN, Y_TEST, Y_TRAIN

keras.utils.set_random_seed(SEED)  # Python·NumPy·TensorFlow 난수를 한 번에 고정

# Keras와 tf.data는 NumPy 배열을 그대로 받습니다. 텐서로 바꾸는 일은 각자 알아서 합니다.
print("학습:", X_TRAIN.shape, X_TRAIN.dtype, "/ 평가:", X_TEST.shape)
print("정답:", Y_TRAIN.shape, Y_TRAIN.dtype, f"/ 양성(1) 비율 {Y_TRAIN.mean():.3f}")
# --8<-- [end:data]

# --8<-- [start:pipeline]
from data import BATCH_SIZE

# 원소 하나 = (특성 30개, 정답 1개). 메서드를 이어 붙여 변환합니다
train_ds = (
    tf.data.Dataset.from_tensor_slices((X_TRAIN, Y_TRAIN))
    .shuffle(buffer_size=len(X_TRAIN), seed=SEED)  # 버퍼 = 전체 크기 → 완전한 섞기
    .batch(BATCH_SIZE)  # 섞은 다음에 묶어야 배치 구성이 매번 달라집니다
    .prefetch(tf.data.AUTOTUNE)  # 학습하는 동안 다음 배치를 미리 준비
)
test_ds = tf.data.Dataset.from_tensor_slices((X_TEST, Y_TEST)).batch(BATCH_SIZE)

x_batch, y_batch = next(iter(train_ds))
print("첫 배치:", tuple(x_batch.shape), x_batch.dtype.name, "/", tuple(y_batch.shape))
last_batch_size = [len(y) for _, y in train_ds][-1]  # 한 에포크를 돌아 확인
print("배치 수:", len(train_ds), "/ 마지막 배치 크기:", last_batch_size)
print("평가 배치 수:", len(test_ds))
# --8<-- [end:pipeline]

# --8<-- [start:shuffle]
# 순서만 보려고 0~9 번호로 같은 모양의 파이프라인을 만들어 두 에포크를 돌려 봅니다
numbers = tf.data.Dataset.range(10).shuffle(10, seed=SEED).batch(4)
for epoch in (1, 2):  # 반복할 때마다 새로 섞습니다 (reshuffle_each_iteration=True)
    print(f"에포크 {epoch}:", [batch.numpy().tolist() for batch in numbers])

# 버퍼가 작으면 앞쪽 원소끼리만 섞여 거의 정렬된 순서가 나옵니다
small_buffer = tf.data.Dataset.range(10).shuffle(2, seed=SEED).batch(4)
print("버퍼 2:  ", [batch.numpy().tolist() for batch in small_buffer])
# --8<-- [end:shuffle]

# --8<-- [start:model]
from data import N_FEATURES

# 활성화 함수 없는 Dense(1): 출력은 확률이 아니라 로짓(logit)입니다
model = keras.Sequential([keras.Input(shape=(N_FEATURES,)), keras.layers.Dense(1)])

layer = model.layers[0]
print("kernel:", tuple(layer.kernel.shape), "/ bias:", tuple(layer.bias.shape))
print("파라미터 수:", model.count_params())
print("bias 초깃값:", layer.bias.numpy().round(4))  # glorot_uniform kernel, 0 bias
logits = model(X_TRAIN[:3])
print("로짓:", logits.numpy().ravel().round(4))
print("확률:", keras.ops.sigmoid(logits).numpy().ravel().round(4))
# --8<-- [end:model]

# --8<-- [start:stability]
# 로짓 40, -40은 '확신에 차서 틀린' 예측입니다. 마지막 줄은 평범한 예측입니다.
saturated = tf.constant([[40.0], [-40.0], [2.0]])
targets = tf.constant([[0.0], [1.0], [1.0]])
prob_bce = keras.losses.BinaryCrossentropy(reduction=None)  # 확률을 받는 손실
logit_bce = keras.losses.BinaryCrossentropy(from_logits=True, reduction=None)

with tf.GradientTape(persistent=True) as tape:
    tape.watch(saturated)
    probs = tf.sigmoid(saturated)  # float32에서 sigmoid(40)은 정확히 1.0
    loss_from_probs = prob_bce(targets, probs)  # 확률을 [1e-7, 1 - 1e-7]로 자른 뒤 log
    loss_from_logits = logit_bce(targets, saturated)
grad_from_probs = tape.gradient(loss_from_probs, saturated)
grad_from_logits = tape.gradient(loss_from_logits, saturated)


def fmt(values):  # 유효 숫자 4자리로
    return "  ".join(f"{v:.4g}" for v in np.ravel(values))


print("로짓:", fmt(saturated), "/ 정답:", fmt(targets), "/ 확률:", fmt(probs))
print("확률에서: 손실", fmt(loss_from_probs), "/ 기울기", fmt(grad_from_probs))
print("로짓에서: 손실", fmt(loss_from_logits), "/ 기울기", fmt(grad_from_logits))

# Keras 함수로 만든 확률에는 원래 로짓이 붙어 다녀서, 손실이 몰래 로짓으로 계산합니다
keras_probs = keras.ops.sigmoid(saturated)
print("keras.ops.sigmoid 확률에서: 손실", fmt(prob_bce(targets, keras_probs)))
# --8<-- [end:stability]

# --8<-- [start:loss-curve]
import matplotlib.pyplot as plt

# 정답이 0인 샘플 하나의 손실을 로짓 -10 ~ 40에서 두 방법으로 계산해 그립니다
z = tf.linspace(-10.0, 40.0, 501)[:, None]
zeros = tf.zeros_like(z)
fig, ax = plt.subplots(figsize=(5.2, 3.2))
exact = logit_bce(zeros, z)
via_probs = prob_bce(zeros, tf.sigmoid(z))
ax.plot(z[:, 0], exact, label="로짓에서 (from_logits=True)", lw=3, alpha=0.5)
ax.plot(z[:, 0], via_probs, label="확률에서 (tf.sigmoid 뒤 BCE)")
ax.set(xlabel="로짓", ylabel="손실 (정답 0)", ylim=(-3, 105))
ax.set_title("TensorFlow / Keras")
ax.legend(loc="center left")
fig.tight_layout()
plt.show()
# --8<-- [end:loss-curve]

# --8<-- [start:step]
from data import LEARNING_RATE

loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)  # 인자 순서: (정답, 예측)
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE),
    loss=loss_fn,
    # 출력이 로짓이므로 기준값은 0 (로짓 0 ↔ 확률 0.5). 기본값 0.5는 틀립니다
    metrics=[keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")],
)
print(f"학습 전 손실: {float(loss_fn(Y_TRAIN, model(X_TRAIN))):.4f}")
# --8<-- [end:step]

# --8<-- [start:train]
from data import EPOCHS

# 섞기는 train_ds가 맡습니다. fit의 shuffle 인자는 NumPy 입력에만 쓰이므로 꺼 둡니다.
history = model.fit(train_ds, epochs=EPOCHS, shuffle=False, verbose=0)  # 진행 막대 없이
for epoch in range(1, EPOCHS + 1):
    if epoch == 1 or epoch % 2 == 0:
        loss = history.history["loss"][epoch - 1]
        accuracy = history.history["accuracy"][epoch - 1]
        print(f"에포크 {epoch:2d}  손실 {loss:.4f}  정확도 {accuracy:.4f}")
# --8<-- [end:train]

# --8<-- [start:evaluate]
# compile에 등록한 손실과 지표로 평가합니다
results = model.evaluate(test_ds, verbose=0, return_dict=True)
loss, accuracy = results["loss"], results["accuracy"]
correct = round(accuracy * len(X_TEST))
print(f"평가 손실 {loss:.4f}  정확도 {accuracy:.4f} ({correct}/{len(X_TEST)})")

# 확률이 필요하면 로짓에 sigmoid를 직접 씌웁니다
probs = keras.ops.sigmoid(model(X_TEST[:5])).numpy().ravel()
print("평가 샘플 5개의 양성 확률:", "  ".join(f"{p:.3f}" for p in probs))
print("                      정답:", "  ".join(f"{y:5.0f}" for y in Y_TEST[:5].ravel()))
# --8<-- [end:evaluate]
