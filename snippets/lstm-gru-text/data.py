# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy만 씁니다).
# 양쪽이 이 파일에서 똑같은 배열과 똑같은 배치 순서를 받습니다.

# --8<-- [start:text]
import numpy as np

# 생텍쥐페리의 문장 하나를 글자 단위로 배웁니다
TEXT = (
    "if you want to build a ship, don't drum up people together to collect wood"
    " and don't assign them tasks and work, but rather teach them to long for the"
    " endless immensity of the sea."
)
CHARS = sorted(set(TEXT))  # 글자 어휘: 공백과 문장 부호까지 25개
CHAR_ID = {char: i for i, char in enumerate(CHARS)}
WINDOW = 10  # 한 입력의 길이


def encode(text):
    return [CHAR_ID[char] for char in text]


def decode(ids):
    return "".join(CHARS[i] for i in ids)


ids = np.array(encode(TEXT), dtype=np.int64)
# 길이 10짜리 창을 한 글자씩 밀며 자릅니다. 정답은 한 글자 뒤로 민 창입니다
# ("if you wan" → "f you want"): 시점마다 다음 글자를 맞히는 many-to-many
CHAR_X = np.stack([ids[i : i + WINDOW] for i in range(len(ids) - WINDOW)])
CHAR_Y = np.stack([ids[i + 1 : i + WINDOW + 1] for i in range(len(ids) - WINDOW)])
# --8<-- [end:text]

# --8<-- [start:hparams]
EMBED_DIM = 16
UNITS = 32  # LSTM 두 층의 은닉 상태 크기
LEARNING_RATE = 0.01  # Adam
KERAS_EPSILON = 1e-7  # Keras Adam의 기본 ε
BETA_2 = 0.999
STEPS = 100  # 창 전체를 배치 하나로: 갱신 100번
PROMPT = "don't "  # 다음이 drum일지 assign일지 갈리는 자리
GENERATE_LEN = 60
TEMPERATURES = (0.5, 1.0, 1.5)
# --8<-- [end:hparams]

# --8<-- [start:sine]
# 잡음 섞인 사인파로 다음 한 시점을 예측합니다 (주가 CSV 대신 만든 데이터)
_rng = np.random.default_rng(0)
PERIOD = 40  # 한 주기의 시점 수
NOISE = 0.1  # 잡음의 표준편차
TIME = np.arange(480)
CLEAN = np.sin(2 * np.pi * TIME / PERIOD)
SERIES = (CLEAN + NOISE * _rng.standard_normal(len(TIME))).astype(np.float32)

SINE_WINDOW = 20  # 과거 20시점을 보고 다음 1시점을 예측


def make_windows(series, start, stop):
    """series[i : i + 20] → series[i + 20] (i는 start 이상 stop 미만)"""
    x = np.stack([series[i : i + SINE_WINDOW] for i in range(start, stop)])
    y = series[start + SINE_WINDOW : stop + SINE_WINDOW]
    return x[..., None], y[:, None]  # (N, 20, 1), (N, 1)


SPLIT = 352  # 앞쪽은 학습, 뒤쪽은 평가 (시간 순서대로 나눕니다)
SINE_TRAIN_X, SINE_TRAIN_Y = make_windows(SERIES, 0, SPLIT)
SINE_TEST_X, SINE_TEST_Y = make_windows(SERIES, SPLIT, len(TIME) - SINE_WINDOW)
SINE_UNITS = 16
SINE_LR = 0.01
SINE_EPOCHS = 12
SINE_BATCH = 32  # 에포크마다 11번 갱신
SINE_ORDERS = [_rng.permutation(SPLIT) for _ in range(SINE_EPOCHS)]


def sine_batches(epoch):
    order = SINE_ORDERS[epoch]
    return [order[i : i + SINE_BATCH] for i in range(0, len(order), SINE_BATCH)]


# --8<-- [end:sine]


# --8<-- [start:plot]
def plot_forecast(forecast, framework):
    """평가 구간의 관측값, 잡음 없는 사인파, 한 시점 앞 예측을 함께 그립니다."""
    import matplotlib.pyplot as plt

    steps = TIME[SPLIT + SINE_WINDOW :]
    color = {"Keras": "tab:orange", "PyTorch": "tab:blue"}[framework]
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.plot(
        steps, SINE_TEST_Y[:, 0], ".", color="0.55", ms=4, label="관측값 (잡음 포함)"
    )
    ax.plot(steps, CLEAN[steps], color="0.2", lw=1, label="잡음 없는 사인파")
    ax.plot(steps, forecast[:, 0], color=color, lw=1.8, label=f"{framework} 예측")
    ax.set_xlabel("시점")
    ax.set_ylabel("값")
    ax.set_title(f"{framework}: 한 시점 앞 예측 (평가 구간)")
    ax.legend(fontsize=9, loc="lower left", ncol=3)
    ax.set_ylim(-1.9, 1.5)
    fig.tight_layout()


# --8<-- [end:plot]

# --8<-- [start:uniforms]
# 연습 문제: 두 프레임워크가 같은 균등 난수로 글자를 뽑게 합니다
SHARED_UNIFORMS = np.random.default_rng(1).random(GENERATE_LEN)
# --8<-- [end:uniforms]
