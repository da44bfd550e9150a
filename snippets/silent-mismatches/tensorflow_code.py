# 조용한 불일치 — TensorFlow 2 / Keras 3 쪽
# 항목마다 PyTorch 쪽과 똑같아 보이는 코드를 실행하고 결과를 찍습니다.
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:setup]
import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)  # Python·NumPy·TensorFlow 난수를 한 번에 고정
print("백엔드:", keras.backend.backend())
print("이미지 형식:", keras.config.image_data_format())  # NHWC
# --8<-- [end:setup]

# --8<-- [start:dense-transpose]
from data import DENSE_X

dense = keras.layers.Dense(4)  # 입력 4개 → 출력 4개
dense_out = dense(DENSE_X)  # 처음 부를 때 가중치를 만듭니다
print("kernel:", tuple(dense.kernel.shape), "= (입력, 출력)")
print("x @ kernel + bias, 첫 줄:", dense_out.numpy()[0].round(4))
# --8<-- [end:dense-transpose]

# --8<-- [start:default-init]
from data import INIT_FEATURES, INIT_X

init_dense = keras.layers.Dense(INIT_FEATURES)
init_out = init_dense(INIT_X)
kernel = init_dense.kernel.numpy()
# 기본값: kernel은 glorot_uniform, bias는 0
print(f"kernel 표준편차 {kernel.std():.4f}, 최대 |값| {np.abs(kernel).max():.4f}")
print("bias가 모두 0인가:", bool(np.all(init_dense.bias.numpy() == 0)))
print(f"출력 표준편차 {init_out.numpy().std():.4f}")
# --8<-- [end:default-init]

# --8<-- [start:flatten-order]
from data import IMAGES

cnn = keras.Sequential(
    [
        keras.Input(shape=(6, 6, 2)),  # (높이, 너비, 채널)
        keras.layers.Conv2D(3, 3),  # → (4, 4, 3)
        keras.layers.Flatten(),  # → 48, (h, w, c) 순서로 펼침
        keras.layers.Dense(2),
    ]
)
cnn_out = cnn(IMAGES)
print("특징 맵:", cnn.layers[0].output.shape, "→ 펼치면", cnn.layers[1].output.shape)
print("Dense kernel:", tuple(cnn.layers[2].kernel.shape))
# --8<-- [end:flatten-order]

# --8<-- [start:same-padding]
from data import PAD_IMAGE

# 3×3, stride 2, 'same': 16×16 → 8×8
strided = keras.layers.Conv2D(3, 3, strides=2, padding="same")
strided_out = strided(PAD_IMAGE)
print("stride 2, 'same':", tuple(PAD_IMAGE.shape), "→", tuple(strided_out.shape))
# 짝수 커널 4×4, stride 1, 'same': 크기 그대로
even = keras.layers.Conv2D(3, 4, padding="same")
even_out = even(PAD_IMAGE)
print("4×4 커널, 'same':", tuple(PAD_IMAGE.shape), "→", tuple(even_out.shape))
# --8<-- [end:same-padding]

# --8<-- [start:gru-gates]
from data import GRU_UNITS, SEQUENCES

# Keras 3 기본값: reset_after=True, 게이트 순서 z, r, h
gru = keras.layers.GRU(GRU_UNITS, return_sequences=True, return_state=True)
gru_seq, gru_state = gru(SEQUENCES)
for weight in gru.weights:
    print(f"{weight.name:16s} {tuple(weight.shape)}")
print("파라미터 수:", gru.count_params())
# 예전 모델에서 보던 reset_after=False는 bias가 하나입니다
gru_v1 = keras.layers.GRU(GRU_UNITS, return_sequences=True, reset_after=False)
gru_v1_seq = gru_v1(SEQUENCES)
print("reset_after=False의 파라미터 수:", gru_v1.count_params())
# --8<-- [end:gru-gates]

# --8<-- [start:attention-mask]
from data import IS_TOKEN, TOKENS

mha = keras.layers.MultiHeadAttention(num_heads=2, key_dim=2)
# attention_mask: True = 이 키를 봅니다. (N, 1, S)는 모든 쿼리에 퍼집니다
att_out, att_scores = mha(
    TOKENS,
    TOKENS,
    attention_mask=IS_TOKEN[:, None, :],
    return_attention_scores=True,
)
print("출력:", tuple(att_out.shape), "/ 점수:", tuple(att_scores.shape))
print("둘째 문장, 첫 쿼리의 가중치 (헤드 0):")
print(att_scores.numpy()[1, 0, 0].round(4))
# --8<-- [end:attention-mask]

# --8<-- [start:dropout-mode]
from data import DROP_X

drop_model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(1),
    ]
)
first, second = drop_model(DROP_X), drop_model(DROP_X)  # 기본은 추론 모드
print("두 번 부른 결과가 같은가:", bool(np.array_equal(first, second)))
print("model(x):", first.numpy().ravel().round(4))
# --8<-- [end:dropout-mode]

# --8<-- [start:batchnorm]
from data import BN_BATCHES, BN_TEST

bn = keras.layers.BatchNormalization()
print("momentum", bn.momentum, "/ epsilon", bn.epsilon)
bn_train_out = [bn(batch, training=True) for batch in BN_BATCHES]  # 학습 모드
print("moving_mean:", bn.moving_mean.numpy().round(4))
print("moving_variance:", bn.moving_variance.numpy().round(4))
bn_eval_out = bn(BN_TEST)  # 추론 모드: 이동 평균과 이동 분산으로 정규화
print("평가 출력 첫 줄:", bn_eval_out.numpy()[0].round(4))
# --8<-- [end:batchnorm]

# --8<-- [start:mse-broadcast]
from data import MSE_PRED, MSE_TARGET

mse = keras.losses.MeanSquaredError()
mse_value = mse(MSE_TARGET, MSE_PRED)  # (정답, 예측)
print("타깃", MSE_TARGET.shape, "예측", MSE_PRED.shape, f"→ MSE {float(mse_value):.4f}")
# --8<-- [end:mse-broadcast]

# --8<-- [start:ce-probabilities]
from data import CE_LABELS, CE_LOGITS

# 모델의 마지막 층이 소프트맥스: 확률을 냅니다
probs = keras.layers.Softmax()(CE_LOGITS)
ce = keras.losses.SparseCategoricalCrossentropy()  # from_logits=False: 확률을 받음
ce_value = ce(CE_LABELS, probs)
print(f"Softmax 층의 확률로: {float(ce_value):.4f}")
# Keras 밖에서 만든 확률은 [1e-7, 1 − 1e-7]로 잘린 뒤 로그를 씌웁니다
clipped_value = ce(CE_LABELS, tf.nn.softmax(CE_LOGITS))
print(f"tf.nn.softmax의 확률로: {float(clipped_value):.4f}")
# --8<-- [end:ce-probabilities]

# --8<-- [start:bce-clamp]
from data import BCE_LOGITS, BCE_TARGET

bce_probs = keras.layers.Activation("sigmoid")(BCE_LOGITS)
bce = keras.losses.BinaryCrossentropy(reduction=None)  # 샘플마다
bce_values = bce(BCE_TARGET, bce_probs)
print("샘플별 손실:", ", ".join(f"{v:.4f}" for v in bce_values.numpy()))
print(f"평균: {float(bce_values.numpy().mean()):.4f}")
# --8<-- [end:bce-clamp]

# --8<-- [start:adam-epsilon]
from data import EPSILON, OPT_LR, OPT_STEPS, REG_B0, REG_W0, REG_X, REG_Y


def keras_losses(optimizer):
    """W0에서 출발해 전체 배치로 OPT_STEPS번 갱신하고 (손실 목록, 층)을 돌려줍니다."""
    layer = keras.layers.Dense(1)
    layer.build((None, 4))
    layer.set_weights([REG_W0, REG_B0])
    losses = []
    for _ in range(OPT_STEPS):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((layer(REG_X) - REG_Y) ** 2)
        grads = tape.gradient(loss, layer.trainable_variables)
        optimizer.apply_gradients(zip(grads, layer.trainable_variables))
        losses.append(float(loss))
    return losses, layer


adam = keras.optimizers.Adam(learning_rate=OPT_LR, epsilon=EPSILON)
adam_losses, adam_layer = keras_losses(adam)
print(f"Adam(epsilon={EPSILON}): {adam_losses[0]:.4f} → {adam_losses[-1]:.4f}")
rmsprop = keras.optimizers.RMSprop(learning_rate=OPT_LR)
rms_losses, rms_layer = keras_losses(rmsprop)
print(f"RMSprop: {rms_losses[0]:.4f} → {rms_losses[-1]:.4f}")
print("RMSprop 기본값: rho", rmsprop.rho, "/ epsilon", rmsprop.epsilon)
# --8<-- [end:adam-epsilon]

# --8<-- [start:weight-decay]
from data import WEIGHT_DECAY

adam_wd = keras.optimizers.Adam(learning_rate=OPT_LR, weight_decay=WEIGHT_DECAY)
wd_losses, wd_layer = keras_losses(adam_wd)
print(f"Adam(weight_decay={WEIGHT_DECAY}): {wd_losses[0]:.4f} → {wd_losses[-1]:.4f}")
print("AdamW의 기본 weight_decay:", keras.optimizers.AdamW().weight_decay)
# --8<-- [end:weight-decay]

# --8<-- [start:sparse-adam]
from data import EMB_IDS, EMB_START, EMB_UPSTREAM

emb = keras.layers.Embedding(
    5, 4, embeddings_initializer=keras.initializers.Constant(EMB_START)
)
emb_adam = keras.optimizers.Adam(learning_rate=0.01)
with tf.GradientTape() as tape:
    emb_loss = tf.reduce_sum(emb(EMB_IDS) * EMB_UPSTREAM)
(emb_grad,) = tape.gradient(emb_loss, emb.trainable_variables)
print("기울기 종류:", type(emb_grad).__name__, "/ 단어 번호:", emb_grad.indices.numpy())
emb_adam.apply_gradients([(emb_grad, emb.embeddings)])
print("Adam 한 단계 뒤 1번 행:", emb.embeddings.numpy()[1].round(4))
# --8<-- [end:sparse-adam]

# --8<-- [start:zero-grad]
from data import HEAD_STEPS, HEAD_W0, HEAD_X, HEAD_Y

heads = [keras.layers.Dense(1) for _ in HEAD_W0]  # 과제마다 출력층 하나
for head, w0 in zip(heads, HEAD_W0):
    head.build((None, 4))
    head.set_weights([w0, np.zeros(1, "float32")])
head_variables = [v for head in heads for v in head.trainable_variables]
head_sgd = keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)
head_sgd.build(head_variables)  # 모멘텀 변수를 모든 출력층에 미리 만듭니다
head_losses = []
for step in range(HEAD_STEPS):
    task = step % 2  # 단계마다 과제를 번갈아
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((heads[task](HEAD_X) - HEAD_Y[task]) ** 2)
    grads = tape.gradient(loss, head_variables)  # 쓰지 않은 층은 None
    if step == 1:
        print("2단계, 0번 출력층의 기울기:", grads[0])
    # 기울기가 None인 변수는 뺍니다 (그대로 넘겨도 Keras는 경고만 내고 뺍니다)
    pairs = [(g, v) for g, v in zip(grads, head_variables) if g is not None]
    head_sgd.apply_gradients(pairs)
    head_losses.append(float(loss))
print("손실:", np.round(head_losses, 4))
# --8<-- [end:zero-grad]
