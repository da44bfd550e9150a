# 로지스틱 회귀와 입력 파이프라인 — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf

from data import CLASS_NAMES, SEED, X_TEST, X_TRAIN, Y_TEST, Y_TRAIN

keras.utils.set_random_seed(SEED)  # Python·NumPy·TensorFlow 난수를 한 번에 고정

# Keras와 tf.data는 NumPy 배열을 그대로 받습니다
print("학습:", X_TRAIN.shape, X_TRAIN.dtype, "/ 평가:", X_TEST.shape)
print("정답:", Y_TRAIN.shape, Y_TRAIN.dtype, "/ 레이블 1 =", CLASS_NAMES[1])
print(f"레이블 1의 비율: 학습 {Y_TRAIN.mean():.4f}, 평가 {Y_TEST.mean():.4f}")
# --8<-- [end:data]

# --8<-- [start:pipeline]
from data import BATCH_SIZE, STEPS_PER_EPOCH, TRAIN_ORDERS


def epoch_batches(order):
    """한 에포크의 순서 (455,)를 배치 크기로 자릅니다. 배치가 에포크를 넘지 않습니다."""
    return tf.data.Dataset.from_tensor_slices(order).batch(BATCH_SIZE)


def gather(index):
    """배치의 인덱스로 특징과 정답을 골라 옵니다."""
    return tf.gather(X_TRAIN, index), tf.gather(Y_TRAIN, index)


# 원소 하나 = 한 에포크의 순서. 모든 에포크의 배치를 차례로 내놓습니다
train_ds = (
    tf.data.Dataset.from_tensor_slices(TRAIN_ORDERS)
    .flat_map(epoch_batches)
    .map(gather)
    .prefetch(tf.data.AUTOTUNE)  # 학습하는 동안 다음 배치를 미리 준비
)
test_ds = tf.data.Dataset.from_tensor_slices((X_TEST, Y_TEST)).batch(BATCH_SIZE)

x_batch, y_batch = next(iter(train_ds))
print("첫 배치:", tuple(x_batch.shape), x_batch.dtype.name, "/", tuple(y_batch.shape))
print("첫 배치의 레이블 앞 10개:", y_batch.numpy()[:10, 0].astype(int).tolist())
sizes = [len(y) for _, y in train_ds]  # 데이터셋을 끝까지 돌아 셉니다
print(f"학습 배치: 모두 {len(sizes)}개 = 에포크마다 {STEPS_PER_EPOCH}개")
print("한 에포크의 배치 크기:", sizes[:STEPS_PER_EPOCH])
print("평가 배치 수:", len(test_ds))
# --8<-- [end:pipeline]

# --8<-- [start:shuffle]
from data import N_TRAIN

# 보통은 이렇게 섞습니다. 번호 0 ~ 454를 섞어 두 에포크를 돌고 앞 8개만 봅니다.
numbers = tf.data.Dataset.range(N_TRAIN).shuffle(buffer_size=N_TRAIN, seed=SEED)
shuffled = [np.array(list(numbers.as_numpy_iterator())) for _ in range(2)]
for epoch, order in enumerate(shuffled, start=1):  # 돌 때마다 새로 섞입니다
    print(f"shuffle, 에포크 {epoch}:", order[:8].tolist())
print("data.py, 에포크 1:", TRAIN_ORDERS[0, :8].tolist())

# 버퍼가 작으면 가까운 원소끼리만 섞여 원래 순서가 거의 그대로 남습니다
small_buffer = tf.data.Dataset.range(N_TRAIN).shuffle(buffer_size=4, seed=SEED)
print("버퍼 4, 에포크 1:", np.array(list(small_buffer.take(8))).tolist())
# --8<-- [end:shuffle]

# --8<-- [start:model]
from data import N_FEATURES

# 활성화 함수가 없는 Dense(1): 출력은 확률이 아니라 로짓입니다
model = keras.Sequential([keras.Input(shape=(N_FEATURES,)), keras.layers.Dense(1)])
initial_weights = model.get_weights()  # 연습 문제에서 같은 출발점으로 쓰려고

layer = model.layers[0]
print("kernel:", tuple(layer.kernel.shape), "/ bias:", tuple(layer.bias.shape))
print("파라미터 수:", model.count_params())
print("bias 초깃값:", layer.bias.numpy().round(4))  # glorot_uniform kernel, 0 bias
logits = model(X_TRAIN[:3])
print("로짓:", logits.numpy().ravel().round(4))
print("확률:", keras.ops.sigmoid(logits).numpy().ravel().round(4))
# --8<-- [end:model]

# --8<-- [start:stability]
# 로짓 40과 -40은 크게 틀린 예측, 마지막 줄은 평범한 예측입니다
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


def fmt(values):  # 유효숫자 4자리로
    return "  ".join(f"{v:.4g}" for v in np.ravel(values))


print("로짓:", fmt(saturated), "/ 정답:", fmt(targets), "/ 확률:", fmt(probs))
print("확률에서: 손실", fmt(loss_from_probs), "/ 기울기", fmt(grad_from_probs))
print("로짓에서: 손실", fmt(loss_from_logits), "/ 기울기", fmt(grad_from_logits))

# Keras는 확률 텐서에서 로짓을 되찾을 때가 있습니다 (아래 함정 상자)
keras_probs = keras.ops.sigmoid(saturated)  # 결과에 _keras_logits가 붙습니다
print("keras.ops.sigmoid 확률에서: 손실", fmt(prob_bce(targets, keras_probs)))


@tf.function  # fit과 evaluate도 학습·평가 단계를 이렇게 그래프로 실행합니다
def graph_loss(logits):
    return prob_bce(targets, tf.sigmoid(logits))


print("tf.function 안의 tf.sigmoid 확률에서: 손실", fmt(graph_loss(saturated)))
# --8<-- [end:stability]

# --8<-- [start:prob-grad]
# 확률에서 계산한 손실의 기울기를 연쇄 법칙 ∂L/∂z = ∂L/∂p · ∂p/∂z로 나눠 봅니다
with tf.GradientTape() as tape:
    tape.watch(saturated)
    probs = tf.sigmoid(saturated)
    loss = prob_bce(targets, probs)
dloss_dprob = tape.gradient(loss, probs)  # 잘린 구간에서는 clip의 기울기인 0
dprob_dlogit = probs * (1 - probs)  # 시그모이드의 도함수 p(1 − p)
print("∂L/∂p:", fmt(dloss_dprob))
print("∂p/∂z:", fmt(dprob_dlogit))
print("곱 ∂L/∂z:", fmt(dloss_dprob * dprob_dlogit))
print("정확한 값 p − y:", fmt(probs - targets))
# --8<-- [end:prob-grad]

# --8<-- [start:loss-curve]
import matplotlib.pyplot as plt

# 정답이 0인 샘플 하나의 손실을 로짓 -10 ~ 40에서 두 방법으로 계산해 그립니다
z = tf.linspace(-10.0, 40.0, 501)[:, None]
zeros = tf.zeros_like(z)
exact = logit_bce(zeros, z)
via_probs = prob_bce(zeros, tf.sigmoid(z))  # 즉시 실행이라 로짓을 되찾지 않습니다
fig, ax = plt.subplots(figsize=(5.2, 3.2))
ax.plot(z[:, 0], exact, label="로짓에서 (from_logits=True)", lw=3, alpha=0.5)
ax.plot(z[:, 0], via_probs, label="확률에서 (tf.sigmoid 뒤 BCE)")
ax.set(xlabel="로짓", ylabel="손실 (정답 0)", ylim=(-3, 105))
ax.set_title("TensorFlow / Keras")
ax.legend(loc="center left")
fig.tight_layout()
plt.show()
# --8<-- [end:loss-curve]

# --8<-- [start:step]
from data import LEARNING_RATE, THRESHOLD

loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)  # 인자 순서: (정답, 예측)
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE),
    loss=loss_fn,
    # 출력이 로짓이므로 기준값은 0 (로짓 0 ↔ 확률 0.5). 기본값 0.5는 틀립니다
    metrics=[
        keras.metrics.BinaryAccuracy(threshold=THRESHOLD, name="accuracy"),
        keras.metrics.Precision(thresholds=THRESHOLD, name="precision"),
        keras.metrics.Recall(thresholds=THRESHOLD, name="recall"),
    ],
)
print(f"학습 전 손실: {float(loss_fn(Y_TRAIN, model(X_TRAIN))):.4f}")
# --8<-- [end:step]

# --8<-- [start:train]
from data import EPOCHS

# train_ds에는 모든 에포크의 배치가 이어져 있어서, 에포크당 배치 수를 알려 줍니다.
# 순서는 이미 정해져 있으니 fit의 shuffle(NumPy 입력에만 쓰임)은 끕니다.
history = model.fit(
    train_ds,
    epochs=EPOCHS,
    steps_per_epoch=STEPS_PER_EPOCH,
    shuffle=False,
    verbose=0,
)
losses = history.history["loss"]  # 에포크마다 배치 손실의 가중 평균
accuracies = history.history["accuracy"]
for epoch, (loss, accuracy) in enumerate(zip(losses, accuracies), start=1):
    if epoch in (1, 2, 5, EPOCHS):
        print(f"에포크 {epoch:2d}  손실 {loss:.4f}  정확도 {accuracy:.4f}")
# --8<-- [end:train]

# --8<-- [start:evaluate]
# compile에 등록한 손실과 지표로 평가합니다
results = model.evaluate(test_ds, verbose=0, return_dict=True)
print(f"평가 손실 {results['loss']:.4f}  정확도 {results['accuracy']:.4f}")
precision, recall = results["precision"], results["recall"]
print(f"Keras Precision {precision:.4f}  Recall {recall:.4f} (레이블 1 기준)")

# 혼동 행렬: 행 = 정답, 열 = 예측
test_logits = model.predict(test_ds, verbose=0)  # (114, 1) NumPy 배열
predicted = (test_logits[:, 0] > THRESHOLD).astype("int64")
confusion = tf.math.confusion_matrix(Y_TEST[:, 0], predicted, num_classes=2).numpy()
print("혼동 행렬 (행: 정답, 열: 예측):", confusion.tolist())
for k, name in enumerate(CLASS_NAMES):
    precision_k = confusion[k, k] / confusion[:, k].sum()  # 그렇게 예측한 것 중
    recall_k = confusion[k, k] / confusion[k].sum()  # 실제로 그런 것 중
    print(f"{k} {name}: 정밀도 {precision_k:.4f}  재현율 {recall_k:.4f}")

# 확률이 필요하면 로짓에 시그모이드를 직접 씌웁니다
probs = keras.ops.sigmoid(test_logits[:5]).numpy().ravel()
print("앞 5개의 P(레이블 1):", "  ".join(f"{p:.3f}" for p in probs))
print("정답 레이블:         ", "  ".join(f"{y:5.0f}" for y in Y_TEST[:5, 0]))
# --8<-- [end:evaluate]

# --8<-- [start:exercise-threshold]
# 연습 문제 1: 확률 기준을 올리면 '양성 종양'이라고 말하기가 어려워집니다
for p in (0.5, 0.9, 0.99):
    logit_threshold = np.log(p / (1 - p))  # 확률 p에 해당하는 로짓
    predicted_p = (test_logits[:, 0] > logit_threshold).astype("int64")
    matrix = tf.math.confusion_matrix(Y_TEST[:, 0], predicted_p, num_classes=2)
    matrix = matrix.numpy()
    caught = matrix[0, 0] / matrix[0].sum()  # 악성 재현율
    print(f"P > {p}: 혼동 행렬 {matrix.tolist()}, 악성 재현율 {caught:.4f}")
# --8<-- [end:exercise-threshold]

# --8<-- [start:exercise-weight]
# 연습 문제 2: 악성(레이블 0) 샘플의 손실에 가중치 2를 줍니다
weighted = keras.models.clone_model(model)
weighted.set_weights(initial_weights)  # 본문의 모델과 같은 출발점
weighted.compile(
    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
)
history = weighted.fit(
    train_ds,
    epochs=EPOCHS,
    steps_per_epoch=STEPS_PER_EPOCH,
    class_weight={0: 2.0, 1: 1.0},  # 레이블마다 sample_weight를 붙입니다
    shuffle=False,
    verbose=0,
)
print(f"마지막 에포크 손실 (가중치 포함): {history.history['loss'][-1]:.4f}")
weighted_predicted = (weighted(X_TEST).numpy()[:, 0] > THRESHOLD).astype("int64")
matrix = tf.math.confusion_matrix(Y_TEST[:, 0], weighted_predicted, num_classes=2)
print("혼동 행렬:", matrix.numpy().tolist())
# --8<-- [end:exercise-weight]

# --8<-- [start:exercise-sigmoid]
# 연습 문제 3: 출력층에 시그모이드를 넣고, 확률을 받는 손실로 학습합니다
sigmoid_model = keras.Sequential(
    [keras.Input(shape=(N_FEATURES,)), keras.layers.Dense(1, activation="sigmoid")]
)
sigmoid_model.set_weights(initial_weights)
sigmoid_model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE),
    loss=keras.losses.BinaryCrossentropy(),  # from_logits=False
)
history = sigmoid_model.fit(
    train_ds, epochs=EPOCHS, steps_per_epoch=STEPS_PER_EPOCH, shuffle=False, verbose=0
)
gap = np.max(np.abs(np.array(history.history["loss"]) - np.array(losses)))
print(f"로짓 모델과의 에포크 손실 차이 (최댓값): {gap:.3g}")
# --8<-- [end:exercise-sigmoid]
